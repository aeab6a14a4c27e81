/** Digits padded so that text order is the order a person expects: 2栋 before 10栋. */
export function naturalKey(text: string): string {
  return text.replace(/\d+/g, (digits) => digits.padStart(8, '0'))
}
