import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createBackend } from '../../../electron/backend/backend'
import { JOURNAL_FILE } from '../../../electron/backend/store/store'
import { makeId, resident } from '../register/fixtures'
import { fixedClock, tempDir } from '../support/temp'

/**
 * The refusals of issue 19 through the whole backend (dispatch, audit), as a clerk meets them:
 * a damaged journal salvaged on request leaves its trace in 操作日志; a data folder that vanished
 * while running refuses the next write, and the next start does not set up an empty database.
 */
const clock = fixedClock()
let seq = 100
const person = (name: string) => resident({ name, idNumber: makeId('19800101', String(seq++)) })
const open = (dataDir: string, store: Parameters<typeof createBackend>[0]['store'] = {}) =>
  createBackend({ dataDir, appVersion: '9.9.9', now: clock.now, sleep: clock.sleep, store: { idleSnapshotMs: 0, ...store } })

describe('data that is damaged or gone is never silent (through dispatch)', () => {
  it('a salvaged journal keeps the later residents and writes one audit row naming what was skipped', async () => {
    const dir = tempDir()
    const backend = await open(dir)
    for (const name of ['甲', '乙', '丙', '丁']) {
      const created = await backend.call('residents.create', person(name))
      expect(created.ok).toBe(true)
    }
    await backend.close()
    // close() snapshots; write four more so the journal has something to damage.
    const again = await open(dir)
    for (const name of ['戊', '己', '庚', '辛']) expect((await again.call('residents.create', person(name))).ok).toBe(true)
    again.store.close({ snapshot: false })
    const file = path.join(dir, JOURNAL_FILE)
    const bytes = fs.readFileSync(file)
    const middle = Math.floor(bytes.length / 3)
    bytes.writeUInt8((bytes[middle] as number) ^ 0x04, middle)
    fs.writeFileSync(file, bytes)

    await expect(open(dir)).rejects.toMatchObject({ code: 'STORE_JOURNAL_DAMAGED' })
    const salvaged = await open(dir, { salvageJournal: true })
    const names = salvaged.store.all<{ name: string }>('SELECT name FROM residents ORDER BY id').map((row) => row.name)
    expect(names.slice(0, 4)).toEqual(['甲', '乙', '丙', '丁'])
    // One record was damaged; every later one keeps its person and its own id (the audit rows and
    // search entries written with it point at that id).
    expect(names).toHaveLength(7)
    expect(salvaged.store.openNotice).toMatchObject({ lostSeqs: [expect.any(Number)], skippedSeqs: [] })
    const orphans = salvaged.store.get('SELECT * FROM pragma_foreign_key_check()')
    expect(orphans).toBeUndefined()
    const audit = salvaged.store.get<{ actor: string; method: string; summary: string }>(
      "SELECT actor, method, summary FROM audit_log WHERE method = 'store.salvage'"
    )
    expect(audit?.summary).toMatch(/跳过了操作日志中损坏的 \d+ 字节/)
    await salvaged.close()
  })

  it('the data folder deleted while running: the next write is refused, and the next start asks instead of starting empty', async () => {
    const parent = tempDir()
    const dir = path.join(parent, 'data')
    const markerFile = path.join(parent, '.data.shouwang')
    const backend = await open(dir, { markerFile })
    expect((await backend.call('residents.create', person('张三'))).ok).toBe(true)
    fs.rmSync(dir, { recursive: true, force: true })
    const refused = await backend.call('residents.create', person('李四'))
    expect(refused).toMatchObject({ ok: false, error: { code: 'STORE_FOLDER_GONE' } })
    expect(refused.ok ? '' : refused.error.message).toContain('本次操作没有保存')
    // Reads are blocked too: the page shows one blocking message instead of an empty list.
    expect(await backend.call('residents.list', {})).toMatchObject({ ok: false, error: { code: 'STORE_FOLDER_GONE' } })
    await backend.close()
    await expect(open(dir, { markerFile })).rejects.toMatchObject({ code: 'STORE_MISSING' })
    expect(fs.existsSync(dir)).toBe(false)
  })
})
