import { mb, printTable, record } from './report'
import { backupBench } from './suites/backup.bench'
import { excelBench } from './suites/excel.bench'
import { excelChild } from './suites/excel.child'
import { gateBench } from './suites/gate.bench'
import { helpBench } from './suites/help.bench'
import { lanBench } from './suites/lan.bench'
import { noticesBench } from './suites/notices.bench'
import { registerBench } from './suites/register.bench'
import { reportBench } from './suites/report.bench'
import { returneesBench } from './suites/returnees.bench'
import { rosterBench } from './suites/roster.bench'
import { storeBench } from './suites/store.bench'
import { suppliesBench } from './suites/supplies.bench'
import { unitsBench } from './suites/units.bench'

/** Every benchmark, measured in one run beside its baseline; prints one table. */
const suites: Record<string, () => Promise<void>> = {
  store: storeBench,
  register: registerBench,
  supplies: suppliesBench,
  excel: excelBench,
  roster: rosterBench,
  returnees: returneesBench,
  gate: gateBench,
  report: reportBench,
  help: helpBench,
  units: unitsBench,
  notices: noticesBench,
  backup: backupBench,
  lan: lanBench
}

/** Runs the chosen suites (all when none is named) and prints one table. */
async function runSuites(only: string[]): Promise<void> {
  for (const [name, run] of Object.entries(suites)) {
    if (only.length > 0 && !only.includes(name)) continue
    await run()
    globalThis.gc?.()
  }
  // maxRSS is the OS's own high-water mark (kB): no sampling gaps.
  record({ group: '进程', name: '峰值内存 (RSS)', value: mb(process.resourceUsage().maxRSS * 1024) })
  console.log(`\n守望 bench — ${new Date().toISOString()} — Node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`)
  printTable()
}

// A measure that needs a process of its own (see excel.bench.ts) re-enters here and prints only its result.
if (process.argv[2] === '--child') console.log(JSON.stringify(await excelChild(process.argv[3] ?? '', process.argv[4] ?? '')))
else await runSuites(process.argv.slice(2))
