/** Collects benchmark rows and prints them as one table at the end of the run. */
export interface BenchRow {
  group: string
  name: string
  value: string
  baseline?: string
  note?: string
}

const rows: BenchRow[] = []

export function record(row: BenchRow): void {
  rows.push(row)
  console.error(`  · ${row.group} | ${row.name}: ${row.value}${row.baseline ? `  (baseline ${row.baseline})` : ''}`)
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] ?? Number.NaN
}

export const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

/** Times fn n times (after a short warm-up) and returns the samples in milliseconds. */
export async function sample(n: number, fn: (i: number) => unknown, warmup = Math.min(20, n)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i)
  const samples: number[] = []
  for (let i = 0; i < n; i++) {
    const start = performance.now()
    await fn(i)
    samples.push(performance.now() - start)
  }
  return samples
}

export function printTable(): void {
  const headers = ['group', 'measure', 'Shouwang', 'baseline (same run)', 'note']
  const data = rows.map((row) => [row.group, row.name, row.value, row.baseline ?? '', row.note ?? ''])
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0)
  const widths = headers.map((h, i) => Math.max(width(h), ...data.map((r) => width(r[i] ?? ''))))
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c))).join(' | ') + ' |'
  console.log(line(headers))
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|')
  for (const row of data) console.log(line(row))
}
