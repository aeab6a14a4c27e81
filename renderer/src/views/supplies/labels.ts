import type { LedgerLine, SupplyItemView } from '../../../../shared/contract'
import { COUNTERPART_KIND_LABELS, LEDGER_KIND_LABELS, RECEIVE_SOURCE_LABELS } from '../../../../shared/domain/supplies'

export function kindText(line: LedgerLine): string {
  return line.reversesId !== null ? `${LEDGER_KIND_LABELS[line.kind]}（冲正）` : LEDGER_KIND_LABELS[line.kind]
}

export function kindTag(line: LedgerLine): 'success' | 'warning' | 'info' | 'danger' | 'primary' {
  if (line.reversesId !== null) return 'info'
  return ({ in: 'success', out: 'primary', count: 'warning', loss: 'danger' } as const)[line.kind]
}

/** Where the goods came from or went: '街道下拨：幸福街道办', '卡口：东门卡口'. */
export function counterpartText(line: LedgerLine): string {
  if (line.kind === 'in' && line.source) {
    const source = RECEIVE_SOURCE_LABELS[line.source]
    return line.counterpartName && line.counterpartName !== source ? `${source}：${line.counterpartName}` : source
  }
  if (line.counterpartKind) return `${COUNTERPART_KIND_LABELS[line.counterpartKind]}：${line.counterpartName}`
  if (line.kind === 'count' && line.counted !== null) return `实盘 ${line.counted}`
  return ''
}

export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n)
}

export function localTime(iso: string): string {
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export function thisMonth(): string {
  return localTime(new Date().toISOString()).slice(0, 7)
}

/** '可用 7000 瓶，另有已过期 100 瓶': usable first, the expired part never hidden in one total. */
export function stockText(item: Pick<SupplyItemView, 'usable' | 'expired' | 'unit'>): string {
  const usable = `可用 ${item.usable} ${item.unit}`
  return item.expired > 0 ? `${usable}，另有已过期 ${item.expired} ${item.unit}` : usable
}
