/**
 * Chinese vehicle plates (GA 36). Civilian plates are checked strictly; unusual ones
 * (embassy, consulate, military, armed police) are rare but real, so they are kept
 * with a warning instead of being refused.
 */

export type PlateKind = 'ordinary' | 'new_energy' | 'unknown'

export type PlateErrorCode = 'EMPTY' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID'

export type PlateResult = { ok: true; plate: string; kind: PlateKind; warning?: string } | { ok: false; code: PlateErrorCode; message: string }

export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼'

const P = `[${PLATE_PROVINCES}]`
// Serial characters never use I or O, which would be confused with 1 and 0.
const S = '[A-HJ-NP-Z0-9]'
const ORDINARY = new RegExp(`^${P}[A-Z]${S}{4}(?:${S}|[挂学警港澳])$`)
// Small new-energy cars: D/F (now widened to A-K without I) then a letter or digit and
// four digits; large ones: five digits then D/F.
const NEW_ENERGY = new RegExp(`^${P}[A-Z](?:[A-HJK]${S}\\d{4}|\\d{5}[DF])$`)
const CIVILIAN_PREFIX = new RegExp(`^${P}[A-Z]([A-Z0-9]*)$`)

// Characters seen on special plates: embassy/consulate, trial, temporary, armed police
// (WJ), and the old military region prefixes.
const SPECIAL_HAN = '使领试超临时应急挂学警港澳军北南广沈兰成济空海'
const PLAUSIBLE = new RegExp(`^[A-Z0-9${PLATE_PROVINCES}${SPECIAL_HAN}]{5,8}$`)
const NO_PROVINCE = new RegExp(`^[A-Z]${S}{5,6}$`)

const WARN_UNUSUAL = '车牌号格式不常见（如使领馆、军警号牌），已按原样保存，请核对'
const WARN_NO_PROVINCE = '车牌号缺少省份简称（例如 豫A12345），如确为军警等特殊号牌可忽略'
const WARN_I_O = '车牌号中出现字母I或O，正规号牌不使用这两个字母，可能应为数字1或0，请核对'

// Plates are written "京A·12345", "京A-12345" or "京A 12345"; none of that is stored.
const DECORATION = /[\s·•・‧∙.\-\u2010-\u2015\u2212]/g

export function normalizePlate(raw: string | null | undefined): string {
  if (raw == null) return ''
  return String(raw).normalize('NFKC').replace(DECORATION, '').toUpperCase()
}

export function parsePlate(raw: string | null | undefined): PlateResult {
  const plate = normalizePlate(raw)
  if (plate === '') return { ok: false, code: 'EMPTY', message: '请填写车牌号' }
  if (ORDINARY.test(plate)) return { ok: true, plate, kind: 'ordinary' }
  if (NEW_ENERGY.test(plate)) return { ok: true, plate, kind: 'new_energy' }

  // Province + letter marks a civilian plate, whose length is fixed: a missing or extra
  // character is a typing mistake, so "京A1234" is refused rather than waved through.
  const civilian = CIVILIAN_PREFIX.exec(plate)
  const serial = civilian?.[1]
  if (serial !== undefined) {
    if (serial.length < 5) {
      const message = '车牌号位数不足：省份简称和字母后应有5位（新能源车6位）'
      return { ok: false, code: 'TOO_SHORT', message }
    }
    if (serial.length > 6) {
      const message = '车牌号位数过多：省份简称和字母后应有5位（新能源车6位）'
      return { ok: false, code: 'TOO_LONG', message }
    }
    const warning = /[IO]/.test(serial) ? WARN_I_O : WARN_UNUSUAL
    return { ok: true, plate, kind: 'unknown', warning }
  }
  if (NO_PROVINCE.test(plate) && /\d/.test(plate)) {
    return { ok: true, plate, kind: 'unknown', warning: WARN_NO_PROVINCE }
  }
  // Digits alone ("12345") or words alone ("暂无") are not a plate in any scheme.
  if (PLAUSIBLE.test(plate) && /\d/.test(plate) && /\D/.test(plate)) {
    return { ok: true, plate, kind: 'unknown', warning: WARN_UNUSUAL }
  }
  return { ok: false, code: 'INVALID', message: '无法识别为车牌号，请核对（例如 京A12345）' }
}
