import { afterEach, describe, expect, it } from 'vitest'
import { household } from '../register/fixtures'
import { testBackend } from '../support/backend'
import type { TestBackend } from '../support/backend'
import { fail, item, ledgerProblems, receipt, suppliesCounts } from './helpers'

let b: TestBackend
afterEach(async () => {
  await b?.close()
})

async function setup() {
  b = await testBackend()
  const masks = await b.ok('supplies.saveItem', item())
  await b.ok('supplies.receive', receipt(masks.id, 25))
  const h301 = await b.ok('households.create', household('幸福里小区', '3栋', '301'))
  const h302 = await b.ok('households.create', household('幸福里小区', '3栋', '302'))
  const h101 = await b.ok('households.create', household('幸福里小区', '10栋', '101'))
  const campaign = await b.ok('supplies.createCampaign', { name: '二月口罩发放', itemId: masks.id, perHousehold: 10, notes: '' })
  return { masks, h301, h302, h101, campaign }
}

describe('distribution to households', () => {
  it('lists households by building, marks who collected, and moves the stock with it', async () => {
    const { masks, h301, campaign } = await setup()
    expect(campaign).toMatchObject({ name: '二月口罩发放', itemName: '一次性医用口罩', perHousehold: 10, received: 0, closed: false })
    const empty = await b.ok('supplies.checklist', { campaignId: campaign.id })
    expect(empty.rows).toEqual([])
    expect(empty.buildings).toEqual([
      { compound: '幸福里小区', building: '3栋', households: 2, received: 0 },
      { compound: '幸福里小区', building: '10栋', households: 1, received: 0 }
    ])
    const doc = await b.ok('supplies.campaignReceive', { campaignId: campaign.id, householdId: h301.id, collectedBy: '张三' })
    expect(doc.lines).toMatchObject([
      { kind: 'out', quantity: -10, counterpartKind: 'household', counterpartName: h301.address, receiver: '张三', note: '二月口罩发放' }
    ])
    expect(doc.stock).toBe(15)
    const list = await b.ok('supplies.checklist', { campaignId: campaign.id, compound: '幸福里小区', building: '3栋' })
    expect(list.rows.map((r) => [r.room, r.received, r.collectedBy])).toEqual([
      ['301', true, '张三'],
      ['302', false, '']
    ])
    expect(list.campaign.received).toBe(1)
    expect((await b.ok('supplies.items', {})).find((x) => x.id === masks.id)?.stock).toBe(15)
  })

  it('refuses a second collection by the same household, and a collection beyond stock, writing nothing', async () => {
    const { h301, h302, h101, campaign } = await setup()
    const first = await b.ok('supplies.campaignReceive', { campaignId: campaign.id, householdId: h301.id, collectedBy: '张三' })
    const before = suppliesCounts(b)
    const twice = await fail(b, 'supplies.campaignReceive', { campaignId: campaign.id, householdId: h301.id, collectedBy: '李四' })
    expect(twice).toMatchObject({
      code: 'CONFLICT',
      message: `${h301.address} 已于 2026-02-03 由 张三 领取（单号 ${first.refNo}），同一活动每户只能领取一次。`
    })
    expect(suppliesCounts(b)).toEqual(before)
    await b.ok('supplies.campaignReceive', { campaignId: campaign.id, householdId: h302.id, collectedBy: '王五' })
    const short = await fail(b, 'supplies.campaignReceive', { campaignId: campaign.id, householdId: h101.id, collectedBy: '赵六' })
    expect(short).toMatchObject({ code: 'RULE_VIOLATION', message: '库存不足：“一次性医用口罩”现有可用 5 个，本次需要 10 个。' })
    expect(b.count('supply_campaign_receipts')).toBe(2)
    expect(await fail(b, 'supplies.campaignReceive', { campaignId: campaign.id, householdId: 9999, collectedBy: '某' })).toMatchObject({ code: 'NOT_FOUND' })
    expect(ledgerProblems(b)).toEqual([])
  })

  it('lets a household collect again after its issue was reversed, and stops at the end of the campaign', async () => {
    const { h301, h302, campaign } = await setup()
    const doc = await b.ok('supplies.campaignReceive', { campaignId: campaign.id, householdId: h301.id, collectedBy: '张三' })
    await b.ok('supplies.reverse', { refNo: doc.refNo, reason: '登记错户' })
    expect(b.count('supply_campaign_receipts')).toBe(0)
    await b.ok('supplies.campaignReceive', { campaignId: campaign.id, householdId: h301.id, collectedBy: '张三' })
    const closed = await b.ok('supplies.closeCampaign', { id: campaign.id })
    expect(closed).toMatchObject({ closed: true, received: 1 })
    expect(await fail(b, 'supplies.campaignReceive', { campaignId: campaign.id, householdId: h302.id, collectedBy: '王五' })).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '发放活动“二月口罩发放”已结束，不能再登记领取。'
    })
    expect(ledgerProblems(b)).toEqual([])
  })
})
