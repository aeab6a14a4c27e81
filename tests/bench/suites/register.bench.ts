import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createBackend } from '../../../electron/backend/backend'
import type { Backend } from '../../../electron/backend/backend'
import { LOCAL_SESSION } from '../../../electron/backend/context'
import { assignBuildings, createGrid } from '../../../electron/backend/grids/grids.service'
import { createHousehold } from '../../../electron/backend/households/households.service'
import { createResident } from '../../../electron/backend/residents/residents.service'
import type { MethodArgs } from '../../../shared/contract'
import { computeCheckChar, nameSearchKeys } from '../../../shared/domain'
import { KEY_GROUPS, PERSON_TYPES } from '../../../shared/schemas/register'
import type { Relation } from '../../../shared/schemas/register'
import { ms, percentile, record, sample } from '../report'

const RESIDENTS = 50_000
const SAMPLES = 300
const TODAY = new Date('2026-02-03T08:00:00.000Z')

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单'
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志文玉梅红云鹏飞宇浩然子涵欣怡梓轩一诺佳琪思远雨萱晨阳'
const COMPOUNDS = ['幸福里小区', '阳光花园', '建业新村', '锦绣家园', '金水苑', '东风小区', '绿城百合', '翰林华府', '铁路新村', '文化路小区']
const REGIONS = ['410102', '410103', '410105', '410122', '110101', '320102', '330106', '440305', '510104', '370102']

/** A small deterministic PRNG (mulberry32), so every run seeds the same community. */
function prng(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const random = prng(20260203)
const pick = <T>(list: readonly T[] | string): T => list[Math.floor(random() * list.length)] as T
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1))
const pad = (n: number, w: number) => String(n).padStart(w, '0')

interface Seeded {
  names: string[]
  ids: string[]
  phones: string[]
  addresses: string[]
  grids: number[]
}

function person(usedIds: Set<string>, usedPhones: Set<string>) {
  const name = pick<string>(SURNAMES) + pick<string>(GIVEN) + (random() < 0.7 ? pick<string>(GIVEN) : '')
  let id = ''
  while (id === '' || usedIds.has(id)) {
    const first17 = `${pick(REGIONS)}${int(1930, 2024)}${pad(int(1, 12), 2)}${pad(int(1, 28), 2)}${pad(int(0, 999), 3)}`
    id = first17 + computeCheckChar(first17)
  }
  usedIds.add(id)
  let phone = ''
  while (phone === '' || usedPhones.has(phone)) {
    phone = random() < 0.9 ? `1${int(3, 9)}${pad(int(0, 999_999_999), 9)}` : `0371-6${pad(int(0, 9_999_999), 7)}`
  }
  usedPhones.add(phone)
  return { name, id, phone }
}

/** 50,000 residents in ~16,700 households across 10 compounds x 20 buildings and 8 grids, through the services in one transaction. */
async function seed(backend: Backend): Promise<Seeded> {
  const seeded: Seeded = { names: [], ids: [], phones: [], addresses: [], grids: [] }
  const usedIds = new Set<string>()
  const usedPhones = new Set<string>()
  const at = TODAY.toISOString()
  backend.store.transaction((tx) => {
    for (let g = 0; g < 8; g++) seeded.grids.push(createGrid(tx, { name: `第${g + 1}网格`, notes: '', leader: null, workers: [] }, at))
    const buildings = COMPOUNDS.flatMap((compound) => Array.from({ length: 20 }, (_, i) => ({ compound, building: `${i + 1}栋` })))
    buildings.forEach((b, i) => assignBuildings(tx, { gridId: seeded.grids[i % 8] ?? null, buildings: [b] }, 'bench', at))
    let count = 0
    while (count < RESIDENTS) {
      const b = pick(buildings)
      const unit = `${int(1, 4)}单元`
      const room = `${int(1, 20)}${pad(int(1, 4), 2)}`
      const householdId = createHousehold(tx, LOCAL_SESSION, { address: { ...b, unit, room }, tenure: random() < 0.8 ? 'owned' : 'rented', notes: '' }, at)
      seeded.addresses.push(`${b.compound}${b.building}${unit}`)
      const size = Math.min(RESIDENTS - count, int(1, 5))
      for (let m = 0; m < size; m++) {
        const p = person(usedIds, usedPhones)
        const relation: Relation = m === 0 ? 'head' : pick<Relation>(['spouse', 'child', 'parent', 'grandchild'])
        const args: MethodArgs<'residents.create'> = {
          name: p.name,
          idType: 'mainland',
          idNumber: p.id,
          sex: null,
          birthDate: null,
          phones: random() < 0.85 ? [p.phone] : [],
          tags: random() < 0.12 ? [pick(KEY_GROUPS)] : [],
          personType: pick(PERSON_TYPES),
          relation,
          notes: '',
          householdId
        }
        createResident(tx, LOCAL_SESSION, args, TODAY, at)
        seeded.names.push(p.name)
        seeded.ids.push(p.id)
        if (args.phones.length > 0) seeded.phones.push(p.phone)
        count += 1
      }
    }
  })
  return seeded
}

async function measure(backend: Backend, group: string, name: string, args: (i: number) => MethodArgs<'residents.list'>, note = '') {
  let hits = 0
  const samples = await sample(SAMPLES, async (i) => {
    // Each sample as its own clerk: digit searches are paced per account (30 in 10 minutes), and the
    // bench measures a search, not the pace; the guard's own cost is still in every sample.
    const envelope = await backend.call('residents.list', args(Math.abs(i)), { ...LOCAL_SESSION, actor: `bench-${i}` })
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`)
    if (i >= 0) hits += (envelope.data as { total: number }).total
  })
  const p50 = percentile(samples, 50)
  const p95 = percentile(samples, 95)
  const verdict = p95 < 20 ? '✓ p95 < 20 ms' : '✗ p95 ≥ 20 ms'
  record({
    group,
    name: `${name} p50 / p95`,
    value: `${ms(p50)} / ${ms(p95)}`,
    note: `${verdict}；平均命中 ${(hits / SAMPLES).toFixed(0)} 人${note ? '；' + note : ''}`
  })
}

export async function registerBench(): Promise<void> {
  console.error(`register: seeding ${RESIDENTS.toLocaleString('en')} residents, then search and list latency through dispatch`)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shouwang-bench-register-'))
  const backend = await createBackend({
    dataDir: dir,
    appVersion: 'bench',
    now: () => TODAY,
    store: { idleSnapshotMs: 0, journalMaxRecords: 1e9, journalMaxBytes: 1e12 }
  })
  const started = performance.now()
  const s = await seed(backend)
  record({
    group: '居民库 (5万人)',
    name: '生成并写入（一个事务）',
    value: ms(performance.now() - started),
    note: `${s.addresses.length.toLocaleString('en')} 户，200 栋楼，8 个网格`
  })

  const at = (list: string[], i: number) => list[(i * 7919) % list.length] ?? ''
  const group = '居民搜索 (5万人)'
  await measure(backend, group, '姓名', (i) => ({ q: at(s.names, i) }))
  await measure(backend, group, '姓氏（单字）', (i) => ({ q: at(s.names, i).slice(0, 1) }), '命中最多的情形')
  await measure(backend, group, '拼音首字母', (i) => ({ q: nameSearchKeys(at(s.names, i)).initials }))
  await measure(backend, group, '全拼', (i) => ({ q: nameSearchKeys(at(s.names, i)).full }))
  await measure(backend, group, '身份证后4位', (i) => ({ q: at(s.ids, i).slice(-4) }))
  await measure(backend, group, '身份证后6位', (i) => ({ q: at(s.ids, i).slice(-6) }))
  await measure(backend, group, '电话后4位', (i) => ({ q: at(s.phones, i).slice(-4) }))
  await measure(backend, group, '地址（小区+楼栋+单元）', (i) => ({ q: at(s.addresses, i) }))
  await measure(backend, group, '地址（楼栋+单元，不带小区）', (i) => ({ q: at(s.addresses, i).replace(/^\D+/, '') }))
  await measure(backend, group, '单个拼音字母', (i) => ({ q: 'abcdefghjklmnpqrstwxyz'.charAt(i % 22) }), '命中最多的情形')

  const lists = '居民列表 (5万人)'
  await measure(backend, lists, '第1页，无筛选', () => ({ page: 1, pageSize: 20 }))
  await measure(backend, lists, '第100页，无筛选', () => ({ page: 100, pageSize: 20 }))
  await measure(backend, lists, '网格+人员类型+年龄段', (i) => ({
    gridId: s.grids[i % s.grids.length],
    personType: PERSON_TYPES[i % 5],
    ageMin: 18,
    ageMax: 60,
    page: 1 + (i % 3)
  }))
  await measure(backend, lists, '小区+楼栋+重点人群', (i) => ({ compound: COMPOUNDS[i % 10], building: `${1 + (i % 20)}栋`, keyGroup: 'any' }))

  const worker = { accountId: 5, actor: '网格员', permissions: 'all' as const, gridScope: [s.grids[0] ?? 1] }
  const scoped = await sample(SAMPLES, async (i) => {
    const envelope = await backend.call('residents.list', { q: nameSearchKeys(at(s.names, Math.abs(i))).initials }, worker)
    if (!envelope.ok) throw new Error(envelope.error.message)
  })
  record({ group: lists, name: '网格员（限本网格）首字母搜索 p50 / p95', value: `${ms(percentile(scoped, 50))} / ${ms(percentile(scoped, 95))}` })

  const other = '住户与网格 (5万人)'
  const timed = async (name: string, fn: (i: number) => Promise<unknown>) => {
    const samples = await sample(100, fn)
    record({ group: other, name: `${name} p50 / p95`, value: `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 95))}` })
  }
  const ok = async (method: 'households.list' | 'grids.list' | 'grids.get', args: unknown) => {
    const envelope = await backend.call(method, args)
    if (!envelope.ok) throw new Error(envelope.error.message)
  }
  await timed('住户列表 第1页', () => ok('households.list', { page: 1 }))
  await timed('住户搜索 成员拼音首字母', (i) => ok('households.list', { q: nameSearchKeys(at(s.names, Math.abs(i))).initials }))
  await timed('住户搜索 地址', (i) => ok('households.list', { q: at(s.addresses, Math.abs(i)) }))
  await timed('网格列表（含各项人数）', () => ok('grids.list', {}))
  await timed('网格详情（25 栋楼的统计）', (i) => ok('grids.get', { id: s.grids[Math.abs(i) % s.grids.length] }))

  backend.store.close({ snapshot: false })
  fs.rmSync(dir, { recursive: true, force: true })
}
