import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { printOptionsFor, printResultOf } from '../../../electron/main/print'
import { PRINT_VIEWS, isPrintView } from '../../../shared/print'
import type { PrintView } from '../../../shared/print'

const RENDERER = fileURLToPath(new URL('../../../renderer/src', import.meta.url))

function vueFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return vueFiles(full)
    return entry.name.endsWith('.vue') ? [full] : []
  })
}

/** Each print view of the renderer: the id it prints under and the paper its CSS asks for. */
const views = vueFiles(RENDERER).flatMap((file) => {
  const source = fs.readFileSync(file, 'utf8')
  const id = /usePrintView\('([^']+)'\)/.exec(source)?.[1]
  if (!id) return []
  // Styles shared by the sheets (<style src="…print-sheet.css">) count as the view's own.
  const shared = [...source.matchAll(/<style[^>]*\ssrc="([^"]+\.css)"/g)].map((m) => fs.readFileSync(path.resolve(path.dirname(file), m[1] ?? ''), 'utf8'))
  const css = [source, ...shared].join('\n')
  const pageSizes = (named: boolean) =>
    [...css.matchAll(/@page(\s+[\w-]+)?\s*\{[^}]*size:\s*A4\s+(portrait|landscape)/g)].filter((m) => (m[1] !== undefined) === named).map((m) => m[2])
  // A named page (the roster's landscape week) is what its content prints on, whatever the default page says.
  const sizes = pageSizes(true).length > 0 ? pageSizes(true) : pageSizes(false)
  return [{ file: path.relative(RENDERER, file), id, sizes, callsWindowPrint: /window\.print\(/.test(source) }]
})

describe('print views as data', () => {
  it('every print layout is used by one view, and every view is registered', () => {
    expect(views.map((v) => v.id).sort()).toEqual(Object.keys(PRINT_VIEWS).sort())
    for (const view of views) expect(isPrintView(view.id), view.file).toBe(true)
  })

  it.each(views)('$file: its @page and the main process agree on A4 and the orientation', (view) => {
    const id = view.id as PrintView
    const orientation = PRINT_VIEWS[id].landscape ? 'landscape' : 'portrait'
    expect(view.sizes.length, 'an @page rule with size: A4 …').toBeGreaterThan(0)
    expect(new Set(view.sizes)).toEqual(new Set([orientation]))
    expect(printOptionsFor(id)).toMatchObject({ pageSize: 'A4', landscape: orientation === 'landscape', printBackground: true, silent: false })
    // Printing goes through printView (the main process in the desktop app), never straight to window.print.
    expect(view.callsWindowPrint).toBe(false)
  })

  it('the roster prints landscape, the sheets portrait', () => {
    expect(printOptionsFor('roster-week').landscape).toBe(true)
    expect(printOptionsFor('monitoring-sheet').landscape).toBe(false)
    expect(printOptionsFor('disinfection-day-sheet').landscape).toBe(false)
  })

  it('says why a print failed, and a cancelled dialog is not a failure', () => {
    expect(printResultOf(true, '')).toEqual({ ok: true })
    expect(printResultOf(false, 'cancelled')).toEqual({ ok: true })
    expect(printResultOf(false, 'failed')).toMatchObject({ ok: false, message: expect.stringContaining('打印没有完成') })
  })
})
