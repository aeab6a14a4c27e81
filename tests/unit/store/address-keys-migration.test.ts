import { describe, expect, it } from 'vitest'
import { findHouseholdAt } from '../../../electron/backend/excel/excel.repo'
import { findBuilding } from '../../../electron/backend/register/register.repo'
import { MIGRATIONS } from '../../../electron/backend/store/migrations'
import { Store } from '../../../electron/backend/store/store'
import { fixedClock, tempDir } from '../support/temp'

const clock = fixedClock()
const open = (dir: string, upTo: number) => Store.open({ dir, migrations: MIGRATIONS.slice(0, upTo), now: clock.now, idleSnapshotMs: 0 })
const AT = '2026-01-01T00:00:00.000Z'
// Every migration before address_keys: a data file of the version before it.
const BEFORE = MIGRATIONS.findIndex((m) => m.name === 'address_keys')

describe('migration address_keys', () => {
  it('gives existing rows their keys and search text, merges nothing, and lookups then prefer the building in a grid', async () => {
    const dir = tempDir()
    const old = await open(dir, BEFORE)
    old.transaction((tx) => {
      tx.run("INSERT INTO grids (id, name, created_at, updated_at) VALUES (1, '一网格', ?, ?)", [AT, AT])
      tx.run("INSERT INTO compounds (id, name, sort_key) VALUES (1, '幸福里小区', '幸福里小区')")
      // Written before the keys: the import's 1栋 beside the register's 1号楼, outside every grid.
      tx.run("INSERT INTO buildings (id, compound_id, name, sort_key, grid_id) VALUES (1, 1, '1栋', '1栋', NULL), (2, 1, '一号楼', '一号楼', 1)")
      const household = (id: number, building: number, grid: number | null, unit: string, room: string, address: string) =>
        tx.run(
          `INSERT INTO households (id, building_id, grid_id, unit, room, address, search_text, address_key, tenure, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'owned', ?, ?)`,
          [id, building, grid, unit, room, address, address.replace(/\s+/g, ''), address, AT, AT]
        )
      household(1, 1, null, '2单元', '501', '幸福里小区 1栋 2单元 501')
      household(2, 2, 1, '二单元', '501室', '幸福里小区 一号楼 二单元 501室')
    })
    old.close()

    const store = await open(dir, MIGRATIONS.length)
    try {
      expect(store.all('SELECT id, name, key FROM buildings ORDER BY id')).toEqual([
        { id: 1, name: '1栋', key: '1' },
        { id: 2, name: '一号楼', key: '1' }
      ])
      expect(store.get('SELECT key FROM compounds')).toEqual({ key: '幸福里' })
      expect(store.all('SELECT id, building_id AS b, grid_id AS g, room_key AS k, search_text AS s FROM households ORDER BY id')).toEqual([
        { id: 1, b: 1, g: null, k: '2|501', s: '幸福里小区1栋2单元501\u0001幸福里小区1栋2单元501' },
        { id: 2, b: 2, g: 1, k: '2|501', s: '幸福里小区一号楼二单元501室\u0001幸福里小区1栋2单元501' }
      ])
      // Both old spellings sort as one building, entrance 2, room 501.
      const keys = store.all<{ k: string }>('SELECT address_key AS k FROM households ORDER BY id').map((r) => r.k)
      expect(keys[0]).toBe(keys[1])
      // New addresses go to the row in a grid, and to its household at that room.
      expect(findBuilding(store, '幸福里', '第1栋')).toMatchObject({ id: 2, gridId: 1, buildingName: '一号楼' })
      expect(findHouseholdAt(store, { compound: '幸福里小区', building: '1幢', unit: '2门', room: '501号' })).toBe(2)
    } finally {
      store.close()
    }
  })
})
