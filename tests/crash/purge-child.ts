/**
 * Crash-harness child for 数据保留: on a fresh data folder, registers returnees (trips with
 * companions, observations released long ago) and a visitor at the gate today, then runs
 * retention.purge. "PURGING" is printed just before the call, "PURGED <total>" after its answer;
 * the parent kills it at a random moment in between (or just after).
 */
import fs from 'node:fs'
import { addDays } from '../../shared/domain/dates'
import { ADMIN, adminOnBuiltWorker, residentArgs } from './worker-child'

const [dataDir, tripsText] = process.argv.slice(2)
if (!dataDir || !tripsText) throw new Error('usage: purge-child <dataDir> <trips>')
const { ok } = await adminOnBuiltWorker(dataDir)
const checkpoint = await ok('checkpoints.create', { name: '东门', place: '', kind: 'both', hours: '' })
await ok('gate.register', {
  checkpointId: checkpoint.id,
  direction: 'in',
  who: 'visitor',
  residentId: null,
  name: '今日访客',
  phone: '13900009999',
  reason: '探亲',
  plate: '',
  temperature: 36.5,
  action: 'pass',
  passNumber: ''
})
for (let i = 0; i < Number(tripsText); i++) {
  const first17 = `11010119800101${String(100 + i).padStart(3, '0')}`
  const person = await ok('residents.create', residentArgs(`返程${i}`, first17))
  const returnDate = addDays('2026-01-01', i % 120)
  const trip = await ok('returnees.register', {
    residentId: person.id,
    origin: { province: '湖北省', city: '武汉市', district: '江岸区' },
    via: '',
    returnDate,
    transport: 'train',
    transportNo: 'G1234',
    companions: [1, 2, 3].map((n) => ({ residentId: null, name: `同行${i}之${n}` })),
    reason: '探亲',
    notes: '',
    episode: { kind: 'home_observation' }
  })
  const episode = trip.episode as { id: number }
  await ok('monitoring.setStatus', { episodeId: episode.id, status: 'released', date: addDays(returnDate, 14), reason: '期满' })
}
fs.writeSync(1, 'PURGING\n')
const record = await ok('retention.purge', { adminPassword: ADMIN.password, reason: '到期清理' })
fs.writeSync(1, `PURGED ${String(record.total)}\n`)
