import type { DeviceView, PairState, PairStatus } from '../../../shared/contract/devices'
import { AppError } from '../../../shared/errors'
import type { Db } from '../kit/db'
import type { DeviceBook } from './device-book'
import { hashDeviceToken } from './device-book'
import type { DeviceRow } from './devices.repo'
import { findDeviceByHash } from './devices.repo'
import { fingerprintOf } from './tls-cert'
import { readCertFiles } from './lan-files'

/** A LAN caller as dispatch sees it: its token's hash, where its pairing stands, and the device once approved. */
export interface DeviceCaller {
  tokenHash: string
  state: Exclude<PairState, 'local'>
  device: { id: number; name: string } | null
}

/** What a device may ask before it is approved: whether it is, and to be. */
export const PAIRING_METHODS: ReadonlySet<string> = new Set(['devices.pairStart', 'devices.pairStatus', 'system.ping'])

export function deviceView(row: DeviceRow, book: DeviceBook): DeviceView {
  return {
    id: row.id,
    name: row.name,
    approvedAt: row.approved_at,
    approvedBy: row.approved_by,
    lastSeenAt: book.lastSeen(row.id)?.toISOString() ?? null,
    revokedAt: row.revoked_at
  }
}

/**
 * Every LAN call: the device token's hash looked up afresh, so a revoked device is refused on
 * its very next call, whatever it still holds. Before approval only PAIRING_METHODS pass.
 */
export function resolveDevice(db: Db, book: DeviceBook, rawToken: string, method: string, now: Date): DeviceCaller {
  const tokenHash = hashDeviceToken(rawToken)
  const row = findDeviceByHash(db, tokenHash)
  let caller: DeviceCaller
  if (row && row.revoked_at === null) {
    book.markSeen(row.id, now)
    caller = { tokenHash, state: 'approved', device: { id: row.id, name: row.name } }
  } else if (row) {
    caller = { tokenHash, state: 'revoked', device: null }
  } else {
    const request = book.find(tokenHash, now)
    caller = { tokenHash, state: request ? (request.refused ? 'refused' : 'pending') : 'unpaired', device: null }
  }
  if (caller.state !== 'approved' && !PAIRING_METHODS.has(method)) {
    throw new AppError(
      'UNAUTHORIZED',
      caller.state === 'revoked'
        ? '这台设备已被管理员停用，不能再使用守望。如需恢复，请联系办公室重新配对。'
        : '这台设备还没有获准连接，请先在办公室电脑上批准配对。',
      { device: caller.state }
    )
  }
  return caller
}

export function lanFingerprint(dataDir: string): string | null {
  const files = readCertFiles(dataDir)
  return files ? fingerprintOf(files.certPem) : null
}

export function pairStatusOf(caller: DeviceCaller | null, book: DeviceBook, now: Date): PairStatus {
  const fingerprint = lanFingerprint(book.dataDir)
  if (!caller) return { status: 'local', code: null, name: null, fingerprint }
  const request = caller.state === 'pending' || caller.state === 'refused' ? book.find(caller.tokenHash, now) : undefined
  return { status: caller.state, code: request?.code ?? null, name: caller.device?.name ?? null, fingerprint }
}
