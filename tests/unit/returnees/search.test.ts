import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { community, trip } from './helpers'

let b: TestBackend | null = null
afterEach(async () => {
  await b?.close()
  b = null
})

async function exportedNames(backend: TestBackend, q: string): Promise<string[]> {
  const file = await backend.ok('excel.exportList', { list: 'returnees', filter: { q } })
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer)
  const sheet = book.worksheets[0]
  const names: string[] = []
  sheet?.eachRow((row) => {
    const value = row.getCell(1).value
    if (value === '张三' || value === '李四' || value === '王五') names.push(value)
  })
  return names
}

describe('the returnee search', () => {
  it('takes pinyin initials and full pinyin like the 居民 search, in the list and in its export', async () => {
    const backend = (b = await testBackend())
    const { zhang, li, wang } = await community(backend)
    for (const person of [zhang, li, wang]) await backend.ok('returnees.register', trip(person.id))
    const names = async (q: string) => (await backend.ok('returnees.list', { q })).rows.map((row) => row.name).sort()
    expect(await names('zs')).toEqual(['张三'])
    expect(await names('ZS')).toEqual(['张三'])
    expect(await names('lis')).toEqual(['李四'])
    expect(await names('w')).toEqual(['王五'])
    expect(await names('x')).toEqual([])
    // Chinese still finds a name's start or the place of origin.
    expect(await names('张')).toEqual(['张三'])
    expect((await names('湖北')).length).toBeGreaterThan(0)
    expect(await exportedNames(backend, 'zs')).toEqual(['张三'])
  })
})
