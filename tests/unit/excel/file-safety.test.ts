import zlib from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import type { Envelope } from '../../../shared/errors'
import type { TestBackend } from '../support/backend'
import { excelBackend, workbook } from './support'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

interface Part {
  name: string
  data: Buffer
  /** Declared uncompressed size, when the directory should lie. */
  declared?: number
  flags?: number
}

/** A zip written byte by byte, so tests can make bombs and lying directories. */
function zip(parts: Part[]): Uint8Array<ArrayBuffer> {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const p of parts) {
    const compressed = zlib.deflateRawSync(p.data)
    const name = Buffer.from(p.name, 'utf8')
    const size = p.declared ?? p.data.length
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(p.flags ?? 0, 6)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(zlib.crc32(p.data), 14)
    local.writeUInt32LE(compressed.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    locals.push(local, name, compressed)
    const dir = Buffer.alloc(46)
    dir.writeUInt32LE(0x02014b50, 0)
    dir.writeUInt16LE(20, 4)
    dir.writeUInt16LE(20, 6)
    dir.writeUInt16LE(p.flags ?? 0, 8)
    dir.writeUInt16LE(8, 10)
    dir.writeUInt32LE(zlib.crc32(p.data), 16)
    dir.writeUInt32LE(compressed.length, 20)
    dir.writeUInt32LE(size, 24)
    dir.writeUInt16LE(name.length, 28)
    dir.writeUInt32LE(offset, 42)
    central.push(dir, name)
    offset += 30 + name.length + compressed.length
  }
  const dirBytes = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(dirBytes.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, dirBytes, end]))
}

const skeleton = (sheet: Part): Part[] => [
  { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
  { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
  sheet
]

async function refused(bytes: Uint8Array<ArrayBuffer>, fileName = '名单.xlsx') {
  const before = [b.count('residents'), b.count('audit_log'), b.store.info().journalRecords]
  const envelope = (await b.call('excel.preview', { target: 'residents', fileName, bytes })) as Envelope<unknown>
  if (envelope.ok) throw new Error('expected a refusal')
  expect(envelope.error.message).toMatch(/[\u4e00-\u9fa5]/)
  expect([b.count('residents'), b.count('audit_log'), b.store.info().journalRecords]).toEqual(before)
  return envelope.error.message
}

describe('excel files that are refused, clearly and without writing anything', () => {
  it('refuses .xls and encrypted workbooks (OLE) with the advice to save as .xlsx', async () => {
    b = await excelBackend()
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
    expect(await refused(ole, '旧表.xls')).toContain('另存为” .xlsx')
    expect(await refused(ole, '加密.xlsx')).toContain('密码')
  })

  it('refuses a file over 20 MB before reading it', async () => {
    b = await excelBackend()
    expect(await refused(new Uint8Array(20 * 1024 * 1024 + 1))).toContain('20 MB')
  })

  it('refuses a zip bomb by its declared sizes and ratio, and a directory that lies about sizes', async () => {
    b = await excelBackend()
    const bomb = zip(skeleton({ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(60 * 1024 * 1024, 0x61) }))
    expect(bomb.byteLength).toBeLessThan(200 * 1024)
    expect(await refused(bomb)).toContain('压缩炸弹')
    const liar = zip(skeleton({ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(5 * 1024 * 1024, 0x61), declared: 900 * 1024 }))
    expect(await refused(liar)).toContain('大小不符')
    const locked = zip(skeleton({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), flags: 1 }))
    expect(await refused(locked)).toContain('密码')
  })

  it('refuses other files and zips that are not workbooks, and more rows than the cap', async () => {
    b = await excelBackend()
    expect(await refused(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 0]), '照片.png')).toContain('.xlsx')
    expect(await refused(zip([{ name: 'a.txt', data: Buffer.from('hello') }]))).toContain('不是 Excel')
    const rows = '姓名\r\n' + '张三\r\n'.repeat(100_001)
    expect(await refused(new TextEncoder().encode(rows), '大名单.csv')).toContain('100000')
  })

  it('accepts a normal workbook built in code', async () => {
    b = await excelBackend()
    const ok = await b.ok('excel.preview', {
      target: 'residents',
      fileName: 'a.xlsx',
      bytes: await workbook({
        name: 'S',
        rows: [
          ['姓名', '电话'],
          ['张三', '13812345678']
        ]
      })
    })
    expect(ok.columns.map((c) => c.field)).toEqual(['name', 'phone'])
  })
})
