import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { handlers } from '../../electron/backend/handlers'
import { methods } from '../../shared/contract'
import { PERMISSIONS } from '../../shared/contract/types'

const KNOWN_PERMISSIONS: readonly string[] = PERMISSIONS
const root = path.resolve(__dirname, '../..')

function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = []
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...filesUnder(rel, pattern))
    else if (pattern.test(entry.name)) out.push(rel)
  }
  return out
}

describe('the contract', () => {
  it.each(Object.entries(methods))('%s declares a permission, a kind, a title and a schema', (name, spec) => {
    expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/)
    expect(KNOWN_PERMISSIONS).toContain(spec.permission)
    expect(['query', 'mutation', 'export']).toContain(spec.kind)
    expect(spec.title).toMatch(/[\u4e00-\u9fa5]/)
    expect(typeof spec.args.safeParse).toBe('function')
  })

  it('has exactly one handler for every method and no handler without a method', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(methods).sort())
  })
})

describe('house rules', () => {
  it("imports 'electron' only in electron/main and electron/preload", () => {
    const offenders = [...filesUnder('electron', /\.ts$/), ...filesUnder('shared', /\.ts$/), ...filesUnder('renderer/src', /\.(ts|vue)$/)]
      .filter((file) => !file.startsWith(path.join('electron', 'main')) && !file.startsWith(path.join('electron', 'preload')))
      .filter((file) => /from\s+['"]electron['"]|require\(['"]electron['"]\)/.test(fs.readFileSync(path.join(root, file), 'utf8')))
    expect(offenders).toEqual([])
  })

  it('keeps Node APIs out of shared/ (it runs in the renderer too)', () => {
    const offenders = filesUnder('shared', /\.ts$/).filter((file) =>
      /from\s+['"](node:|fs['"]|path['"]|crypto['"])/.test(fs.readFileSync(path.join(root, file), 'utf8'))
    )
    expect(offenders).toEqual([])
  })

  it('numbers migrations without gaps and lists every .sql file', () => {
    const dir = path.join(root, 'electron/backend/store/migrations')
    const sqlFiles = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
    sqlFiles.forEach((file, index) => expect(file.startsWith(String(index + 1).padStart(4, '0') + '_')).toBe(true))
    const index = fs.readFileSync(path.join(dir, 'index.ts'), 'utf8')
    for (const file of sqlFiles) expect(index).toContain(`./${file}?raw`)
  })

  it("never builds SQL from datetime('now') or random(): replay must be deterministic", () => {
    const offenders = [...filesUnder('electron/backend', /\.(ts|sql)$/)].filter((file) =>
      /datetime\(\s*'now'|CURRENT_TIMESTAMP|random\(\)/i.test(fs.readFileSync(path.join(root, file), 'utf8'))
    )
    expect(offenders).toEqual([])
  })
})
