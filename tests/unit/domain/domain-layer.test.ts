import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const DOMAIN = fileURLToPath(new URL('../../../shared/domain', import.meta.url))

/**
 * shared/domain is the bottom of the house: the rules and vocabulary every layer asks. It imports
 * only itself (and pinyin-pro), so the schemas, the contract, the backend and the renderer can all
 * use it without a cycle, and a rule cannot quietly depend on a form or a handler.
 */
describe('shared/domain', () => {
  it('imports nothing but other domain files and pinyin-pro', () => {
    const outside = fs
      .readdirSync(DOMAIN)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) => {
        const source = fs.readFileSync(path.join(DOMAIN, name), 'utf8')
        return [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'/g)]
          .map((m) => m[1] ?? '')
          .filter((spec) => !spec.startsWith('./') && spec !== 'pinyin-pro')
          .map((spec) => `${name} -> ${spec}`)
      })
    expect(outside).toEqual([])
  })
})
