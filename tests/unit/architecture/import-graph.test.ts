import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const BACKEND = path.join(ROOT, 'electron/backend')
const CONTRACT = path.join(ROOT, 'shared/contract')

/** Folders of electron/backend that are not domains: the house, not its rooms. */
const NOT_DOMAINS = new Set(['kit', 'store', 'security'])
/** Files that put the domains together, and so may import every domain's handlers. */
const REGISTRIES = new Set(['electron/backend/handlers.ts'])

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

/** Relative imports of a file (static, type-only and re-exports alike), resolved to files. */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8')
  const specs = [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/g), ...source.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g)]
  return specs.map((m) => {
    const target = path.resolve(path.dirname(file), m[1] ?? '')
    for (const candidate of [target, `${target}.ts`, path.join(target, 'index.ts')]) {
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
    }
    return target
  })
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/')

/** The domain folder a file belongs to (first folder under root), or null outside any. */
function domainOf(file: string, root: string): string | null {
  const inside = path.relative(root, file)
  if (inside.startsWith('..')) return null
  const parts = inside.split(path.sep)
  return parts.length > 1 ? (parts[0] ?? null) : null
}

/** Domain -> the domains it imports, and one import that shows each edge. */
function domainGraph(root: string, domainOfFile: (file: string) => string | null) {
  const edges = new Map<string, Map<string, string>>()
  for (const file of sourceFiles(root)) {
    const from = domainOfFile(file)
    if (!from) continue
    for (const target of importsOf(file)) {
      const to = domainOfFile(target)
      if (!to || to === from) continue
      if (!edges.has(from)) edges.set(from, new Map())
      edges.get(from)?.set(to, `${rel(file)} -> ${rel(target)}`)
    }
  }
  return edges
}

/** Every cycle between domains, each as the chain of imports that makes it. */
function cycles(edges: Map<string, Map<string, string>>): string[][] {
  const found: string[][] = []
  const seen = new Set<string>()
  const visit = (node: string, stack: string[]) => {
    for (const [next, example] of edges.get(node) ?? []) {
      const at = stack.indexOf(next)
      if (at >= 0) {
        const ring = [...stack.slice(at), next]
        const key = [...new Set(ring)].sort().join('>')
        if (!seen.has(key)) {
          seen.add(key)
          found.push(ring.slice(0, -1).map((d, i) => edges.get(d)?.get(ring[i + 1] ?? '') ?? `${d} -> ${example}`))
        }
        continue
      }
      if (stack.length < 12) visit(next, [...stack, next])
    }
  }
  for (const node of edges.keys()) visit(node, [node])
  return found
}

describe('import graph', () => {
  it('only the registry imports a domain’s handlers: a domain’s public face is its service', () => {
    const offenders = sourceFiles(BACKEND)
      .filter((file) => !REGISTRIES.has(rel(file)))
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => target.endsWith('.handlers.ts'))
          .map((target) => `${rel(file)} -> ${rel(target)}`)
      )
    expect(offenders).toEqual([])
  })

  it('backend domain folders do not import each other in cycles', () => {
    const edges = domainGraph(BACKEND, (file) => {
      const domain = domainOf(file, BACKEND)
      return domain && !NOT_DOMAINS.has(domain) ? domain : null
    })
    expect(cycles(edges)).toEqual([])
  })

  it('contract files do not import each other in cycles', () => {
    const edges = domainGraph(CONTRACT, (file) => {
      const inside = path.relative(CONTRACT, file)
      if (inside.startsWith('..') || inside.includes(path.sep)) return null
      const name = inside.replace(/\.ts$/, '')
      return name === 'index' || name === 'types' ? null : name
    })
    expect(cycles(edges)).toEqual([])
  })

  it('the test can see a cycle and a handlers import when there is one', () => {
    const edges = new Map([
      ['a', new Map([['b', 'a.ts -> b.ts']])],
      ['b', new Map([['a', 'b.ts -> a.ts']])]
    ])
    expect(cycles(edges)).toEqual([['a.ts -> b.ts', 'b.ts -> a.ts']])
  })
})
