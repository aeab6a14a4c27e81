/** The line every export of personal data carries (PIPL; the 2020 notice on epidemic-prevention data). */
export function exportNotice(actor: string, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const time = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`
  return `仅限疫情防控工作使用 导出人：${actor} 时间：${time}`
}
