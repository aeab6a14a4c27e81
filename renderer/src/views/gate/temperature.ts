/**
 * What a volunteer types into the temperature box: "36.5", "36,5", or "365" (no dot: tenths,
 * the fastest on a numeric keypad). Returns null while it is not a number yet.
 */
export function readTemperature(text: string): number | null {
  const cleaned = text.normalize('NFKC').trim().replace(',', '.')
  if (!/^\d{2,3}(\.\d)?$/.test(cleaned)) return null
  const value = Number(cleaned)
  return !cleaned.includes('.') && value >= 340 && value <= 430 ? value / 10 : value
}
