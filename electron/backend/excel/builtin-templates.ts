import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { ExportListKey } from '../../../shared/schemas/excel'

export interface BuiltinTemplate {
  id: string
  name: string
  fileName: string
  list: ExportListKey
  title: string
  /** Top-level headings; a group has children under it (two-row merged header). */
  headings: (string | { group: string; children: string[] })[]
  widths: number[]
}

/**
 * The street office's most common forms, as they send them: a title, the 填报单位 /
 * 填报人 / 联系电话 / 填报日期 / 签发人 block, two header rows with merged group cells.
 */
export const BUILTIN_TEMPLATES: BuiltinTemplate[] = [
  {
    id: 'builtin:returnee-check',
    name: '返程人员排查登记表',
    fileName: '返程人员排查登记表.xlsx',
    list: 'returnees',
    title: '××社区返程人员排查登记表',
    headings: [
      '序号',
      { group: '基本信息', children: ['姓名', '性别', '年龄', '身份证号码', '联系电话', '现住址', '网格'] },
      { group: '返程情况', children: ['返回前所在地', '途经地', '返程日期', '交通方式', '车次/航班/车牌', '同行人员', '返程事由'] },
      { group: '观察情况', children: ['观察类型', '观察状态', '观察开始日期', '观察结束日期', '是否异常'] },
      { group: '登记情况', children: ['登记日期', '登记人'] },
      '备注'
    ],
    widths: [6, 10, 6, 6, 21, 15, 26, 10, 18, 12, 12, 9, 14, 14, 12, 10, 9, 12, 12, 8, 12, 10, 16]
  },
  {
    id: 'builtin:residents-roster',
    name: '居民花名册',
    fileName: '居民花名册.xlsx',
    list: 'residents',
    title: '××社区居民花名册',
    headings: [
      '序号',
      { group: '基本信息', children: ['姓名', '性别', '出生日期', '身份证号码'] },
      '联系电话',
      '现住址',
      '与户主关系',
      '人员类型',
      '重点人群',
      '备注'
    ],
    widths: [6, 10, 6, 12, 21, 15, 28, 11, 10, 14, 16]
  },
  {
    id: 'builtin:observation-ledger',
    name: '居家观察台账',
    fileName: '居家观察台账.xlsx',
    list: 'observations',
    title: '××社区居家观察台账',
    headings: [
      '序号',
      { group: '基本信息', children: ['姓名', '性别', '年龄', '身份证号码', '联系电话', '现住址', '网格', '责任网格员'] },
      { group: '观察情况', children: ['观察类型', '开始日期', '结束日期', '观察天数', '已观察天数', '状态', '解除日期', '解除原因'] },
      { group: '最近一次健康监测', children: ['最近测温日期', '早体温（℃）', '晚体温（℃）', '症状', '检查结果', '是否异常'] },
      '备注'
    ],
    widths: [6, 10, 6, 6, 21, 15, 26, 10, 10, 10, 12, 12, 8, 9, 9, 12, 14, 12, 8, 8, 12, 9, 8, 16]
  }
]

const THIN = { style: 'thin' as const }
const BORDER = { top: THIN, bottom: THIN, left: THIN, right: THIN }

/** Builds one template workbook; scripts/make-templates.ts writes them to resources/templates. */
export async function buildTemplate(t: BuiltinTemplate): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '守望'
  // A fixed date, so regenerating the files changes nothing a reader would see.
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 0, 1))
  const ws = workbook.addWorksheet(t.name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  const width = t.widths.length
  ws.columns = t.widths.map((w) => ({ width: w }))
  ws.mergeCells(1, 1, 1, width)
  Object.assign(ws.getCell(1, 1), { value: t.title, font: { bold: true, size: 16 }, alignment: { horizontal: 'center', vertical: 'middle' } })
  ws.getRow(1).height = 30
  const half = Math.floor(width / 2)
  ws.mergeCells(2, 1, 2, half)
  ws.mergeCells(2, half + 1, 2, width)
  ws.getCell(2, 1).value = '填报单位：'
  ws.getCell(2, half + 1).value = '填报日期：    年  月  日'
  ws.mergeCells(3, 1, 3, half)
  ws.mergeCells(3, half + 1, 3, width)
  ws.getCell(3, 1).value = '填报人：              联系电话：'
  ws.getCell(3, half + 1).value = '签发人：'
  let col = 1
  for (const h of t.headings) {
    if (typeof h === 'string') {
      ws.mergeCells(4, col, 5, col)
      ws.getCell(4, col).value = h
      col++
    } else {
      ws.mergeCells(4, col, 4, col + h.children.length - 1)
      ws.getCell(4, col).value = h.group
      h.children.forEach((child, i) => (ws.getCell(5, col + i).value = child))
      col += h.children.length
    }
  }
  for (const r of [4, 5]) {
    const row = ws.getRow(r)
    row.height = 22
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c)
      cell.font = { bold: true }
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
      cell.border = BORDER
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }
    }
  }
  // One styled empty row: the filler copies its borders to every data row.
  const sample = ws.getRow(6)
  for (let c = 1; c <= width; c++) {
    sample.getCell(c).border = BORDER
    sample.getCell(c).alignment = { vertical: 'middle' }
  }
  ws.views = [{ state: 'frozen', ySplit: 5 }]
  const buffer = await workbook.xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}

let resourcesDir: string | null = null

/** The host names the packaged resources folder (Electron's process.resourcesPath). */
export function useResourcesDir(dir: string): void {
  resourcesDir = dir
}

function candidates(): string[] {
  const dirs: string[] = []
  if (resourcesDir) dirs.push(path.join(resourcesDir, 'templates'))
  dirs.push(path.join(process.cwd(), 'resources', 'templates'))
  return dirs
}

/** The shipped file (resources/templates); built from the same definition when not found. */
export async function builtinTemplateBytes(t: BuiltinTemplate): Promise<Uint8Array> {
  for (const dir of candidates()) {
    const file = path.join(dir, t.fileName)
    if (fs.existsSync(file)) return new Uint8Array(fs.readFileSync(file))
  }
  return buildTemplate(t)
}
