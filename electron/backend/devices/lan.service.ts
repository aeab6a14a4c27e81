import type { LanStatus } from '../../../shared/contract/devices'
import { AppError } from '../../../shared/errors'
import type { DeviceBook } from './device-book'
import { readCertFiles, readLanConfig, readListenerState, writeCertFiles, writeLanConfig } from './lan-files'
import { lanFingerprint } from './devices.service'
import { createTlsIdentity, certCovers } from './tls-cert'

const urlOf = (address: string, port: number) => `https://${address.includes(':') ? `[${address}]` : address}:${port}/`

export function lanStatus(book: DeviceBook): LanStatus {
  const config = readLanConfig(book.dataDir)
  const listener = readListenerState(book.dataDir)
  return {
    enabled: config.enabled,
    address: config.address,
    port: config.port,
    url: config.enabled && config.address ? urlOf(config.address, config.port) : null,
    fingerprint: lanFingerprint(book.dataDir),
    listening: config.enabled && listener.listening,
    problem: config.enabled ? listener.problem : null,
    interfaces: book.interfaces()
  }
}

/**
 * Turns the LAN listener on for one of this PC's network cards. The certificate is made on the
 * first enable (and again only if the address changes, because a certificate names its address):
 * its fingerprint stays what the clerk compared on every paired tablet.
 */
export async function enableLan(book: DeviceBook, address: string, port: number, now: Date): Promise<void> {
  if (!book.interfaces().some((choice) => choice.address === address)) {
    throw new AppError('BAD_ARGS', '这个地址不是本机的网卡地址，请从列表中选择。', { issues: [{ path: 'address', message: '请从列表中选择本机的网卡地址' }] })
  }
  const existing = readCertFiles(book.dataDir)
  if (!existing || !certCovers(existing.certPem, address)) writeCertFiles(book.dataDir, await createTlsIdentity([address], now))
  writeLanConfig(book.dataDir, { enabled: true, address, port })
}

export function disableLan(book: DeviceBook): void {
  const config = readLanConfig(book.dataDir)
  writeLanConfig(book.dataDir, { ...config, enabled: false })
}
