/**
 * Body temperature: what a reading is, when it is plausible and when it is fever. The gate's
 * entry form, the daily health checks and the backend all ask these functions, so a reading the
 * volunteer sees flagged is the one the backend stores as abnormal.
 */

/** Body temperature in ℃ that counts as fever unless the office sets another (DOMAIN.md). */
export const DEFAULT_FEVER_THRESHOLD = 37.3
export const TEMPERATURE_MIN = 34
export const TEMPERATURE_MAX = 43

/** Temperatures are kept as whole tenths of a degree so 37.3 compares exactly. */
export function toTenths(celsius: number): number {
  return Math.round(celsius * 10)
}

export function formatTemperature(tenths: number): string {
  return `${(tenths / 10).toFixed(1)}℃`
}

/**
 * What a volunteer types into a temperature box: "36.5", "36,5", or "365" (no dot: tenths,
 * the fastest on a numeric keypad). Returns null while it is not a number yet.
 */
export function readTemperature(text: string): number | null {
  const cleaned = text.normalize('NFKC').trim().replace(',', '.')
  if (!/^\d{2,3}(\.\d)?$/.test(cleaned)) return null
  const value = Number(cleaned)
  return !cleaned.includes('.') && value >= TEMPERATURE_MIN * 10 && value <= TEMPERATURE_MAX * 10 ? value / 10 : value
}

/** A reading outside 34–43 ℃ is a mis-measurement (cold forehead) or a typo, refused rather than recorded. */
export function temperatureProblem(celsius: number): string | null {
  if (!Number.isFinite(celsius)) return '请填写体温'
  if (celsius < TEMPERATURE_MIN || celsius > TEMPERATURE_MAX) {
    return `体温 ${celsius}℃ 不合理（应在 ${TEMPERATURE_MIN}–${TEMPERATURE_MAX}℃ 之间），请核对后重新填写`
  }
  return null
}

/** At or above the threshold is fever, compared in tenths so 37.3 against 37.3 is exact. */
export function isFever(celsius: number, threshold = DEFAULT_FEVER_THRESHOLD): boolean {
  return toTenths(celsius) >= toTenths(threshold)
}
