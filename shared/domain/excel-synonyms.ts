/**
 * The column names clerks' spreadsheets really use, one list per field. Street offices,
 * committees and volunteers each word their headers a little differently; matching goes
 * through normalizeHeader so spaces, full-width brackets, asterisks of "required" columns
 * and line breaks inside a header cell do not matter.
 */
import { normalizeText } from './normalize'

export const FIELD_SYNONYMS: Record<string, readonly string[]> = {
  seq: ['序号', '编号', '序'],
  name: ['姓名', '名字', '人员姓名', '居民姓名', '返程人员姓名', '户主姓名/成员姓名'],
  idType: ['证件类型', '证件种类', '证件类别'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '证件号码', '证件号', '身份证', '身份证件号码', '身份号码'],
  sex: ['性别'],
  birthDate: ['出生日期', '出生年月', '出生年月日', '生日'],
  phone: ['联系电话', '手机号', '手机号码', '电话', '手机', '电话号码', '联系方式', '联系手机', '本人电话'],
  address: ['现住址', '居住地址', '住址', '家庭住址', '现居住地址', '现居住地', '地址', '详细地址', '住所', '家庭地址'],
  compound: ['小区', '小区名称', '所在小区'],
  building: ['楼栋', '楼号', '栋', '楼栋号', '幢'],
  unit: ['单元', '单元号'],
  room: ['房号', '门牌号', '室', '房间号', '户号'],
  relation: ['与户主关系', '与户主的关系', '关系'],
  personType: ['人员类型', '人员类别', '户籍类型', '居住类型'],
  tags: ['重点人群', '人群类别', '重点人群类别', '特殊人群'],
  notes: ['备注', '说明'],
  age: ['年龄'],
  grid: ['网格', '所属网格', '网格名称'],
  householder: ['户主', '户主姓名'],
  memberCount: ['人数', '成员人数', '家庭人数', '户内人数'],
  tenure: ['住房情况', '住房性质', '房屋性质'],
  // Returnee registration (DOMAIN.md): the returnee import target and the 返程人员排查登记表 template.
  origin: [
    '返回前所在地',
    '来源地',
    '出发地',
    '从何地返回',
    '返程出发地',
    '来自何地',
    '返回前居住地',
    // Online questionnaires (问卷星, 腾讯问卷) ask it as a question: "5、您从哪里返回？（省市区）".
    '从哪里返回',
    '从哪返回',
    '从何处返回',
    '从哪个城市返回',
    '返回前所在城市',
    '出发城市'
  ],
  via: ['途经地', '途经地区', '途经城市'],
  returnDate: ['返程日期', '抵达日期', '返回日期', '到达日期', '返回时间', '抵达时间', '返程时间', '来社区日期', '返回的日期', '何时返回', '哪天返回'],
  transport: ['交通方式', '返程方式', '出行方式', '交通工具'],
  trip: ['车次/航班/车牌', '车次', '航班', '车牌', '车次航班', '车次/航班号', '航班/车次', '车牌号'],
  companions: ['同行人员', '同行人', '随行人员'],
  reason: ['返程原因', '返程事由', '返回原因', '返乡原因', '返回事由', '事由'],
  registeredOn: ['登记日期', '排查日期', '登记时间'],
  registeredBy: ['登记人', '排查人', '登记人员'],
  // Home observation (居家观察台账): the street offices' own ledgers, registered as report templates.
  worker: ['责任网格员', '网格员', '包保人', '包联人', '责任人'],
  observe: ['是否居家观察', '是否观察', '是否需要居家观察', '是否开始观察', '是否居家隔离', '是否隔离'],
  observationKind: ['观察类型', '观察方式', '管控类型', '管控方式', '隔离方式'],
  observationStart: ['开始日期', '观察开始日期', '开始观察日期', '隔离开始日期', '管控开始日期', '起始日期'],
  observationEnd: ['结束日期', '观察结束日期', '期满日期', '观察期满日期', '预计解除日期', '隔离结束日期', '管控结束日期'],
  observationStatus: ['状态', '观察状态', '管控状态', '目前状态'],
  days: ['观察天数', '隔离天数', '管控天数'],
  observedDays: ['已观察天数', '已隔离天数', '已观察'],
  statusDate: ['解除日期', '解除观察日期', '解除隔离日期', '实际解除日期'],
  statusReason: ['解除原因', '变更原因'],
  lastCheckDay: ['最近测温日期', '测温日期', '最近检查日期', '日期', '登记日期', '填报日期'],
  // A shop's 员工健康登记 sheet: which unit the row's worker belongs to.
  unitName: ['单位名称', '单位', '商铺名称', '店铺名称', '企业名称', '门店名称', '所在单位'],
  morning: ['早体温', '上午体温', '早上体温', '晨检体温'],
  evening: ['晚体温', '下午体温', '晚上体温'],
  symptoms: ['症状', '有无症状', '不适症状'],
  outcome: ['检查结果', '排查结果', '监测结果'],
  abnormal: ['是否异常', '有无异常', '异常情况'],
  // What a returnee reports of their health on arrival (questionnaires ask it): the first check.
  health: ['目前身体状况', '身体状况', '健康状况', '目前健康状况', '身体情况', '健康情况', '是否发热', '有无发热', '是否有发热症状'],
  temperature: ['体温', '当前体温', '今日体温', '测量体温', '自测体温']
}

/**
 * A questionnaire's question number: "5、", "5.", "5)", "(5)", "Q5.", "第5题". Only at the start
 * and only with its mark, so a header such as "5栋" is left alone.
 */
const QUESTION_NUMBER = /^\s*(?:[（(]\d{1,3}[）)]|(?:q|第)?\d{1,3}\s*(?:题)?\s*[、.．:：)）])\s*/i
/** Question punctuation and quotes (您从哪里返回？): never part of a column's meaning. */
const QUESTION_MARKS = /[？?！!。，,、；;“”"‘’'《》【】]/g

/**
 * Header text as compared: NFKC, no question number, no spaces, no required-marks (*), no
 * bracketed hints, no question punctuation.
 */
export function normalizeHeader(text: string): string {
  return normalizeText(text)
    .replace(QUESTION_NUMBER, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s*＊:：]/g, '')
    .replace(QUESTION_MARKS, '')
    .toLowerCase()
}

const INDEX = new Map<string, string>()
for (const [field, names] of Object.entries(FIELD_SYNONYMS)) {
  for (const name of names) if (!INDEX.has(normalizeHeader(name))) INDEX.set(normalizeHeader(name), field)
}

/**
 * The field a header names, among the fields a target accepts. Exact synonyms first, then a
 * header that contains a synonym of at least two characters ("本人身份证号码（必填）").
 */
export function matchField(header: string, accepted: readonly string[]): string | null {
  const h = normalizeHeader(header)
  if (h === '') return null
  const exact = INDEX.get(h)
  if (exact && accepted.includes(exact)) return exact
  let best: { field: string; length: number } | null = null
  for (const field of accepted) {
    for (const name of FIELD_SYNONYMS[field] ?? []) {
      const n = normalizeHeader(name)
      if (n.length >= 2 && h.includes(n) && (!best || n.length > best.length)) best = { field, length: n.length }
    }
  }
  return best?.field ?? null
}

/** Same file shape = same headers in the same order; saved mappings are found by it. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map(normalizeHeader).join('|')
}

export interface AddressParts {
  compound: string
  building: string
  unit: string
  room: string
}

const COMPOUND_END = '(?:小区|花园|新村|家园|苑|府|城|里|院|公寓|大厦|社区|村|庄园|广场|大院|宿舍|山庄|名都|嘉园|园)'
const NUMERAL = '(?:\\d+|[零〇一二两三四五六七八九十百]+)'
const ADDRESS = new RegExp(
  `^(.+?${COMPOUND_END})\\s*(第?${NUMERAL}[A-Z]?\\s*(?:号楼|栋|幢|号|座))\\s*(第?${NUMERAL}\\s*(?:单元|门))?\\s*-?\\s*(\\d+[A-Z]?)\\s*(?:室|号|户|房)?$`
)

/**
 * '幸福里小区3栋2单元301室' -> parts. Free-text addresses that do not follow compound +
 * building + room are left for the clerk (null), never guessed. The building and entrance
 * stay as the file wrote them (五号楼, 2门): the register matches them by their keys
 * (address.ts), and a building new to the register keeps the name it was first given.
 */
export function splitAddress(raw: string): AddressParts | null {
  const text = normalizeText(raw).toUpperCase().replace(/\s+/g, '')
  const match = ADDRESS.exec(text)
  if (!match) return null
  return { compound: match[1] ?? '', building: match[2] ?? '', unit: match[3] ?? '', room: match[4] ?? '' }
}
