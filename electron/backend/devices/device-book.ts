import { createHash, randomInt } from 'node:crypto'
import os from 'node:os'
import type { NetworkChoice } from '../../../shared/contract/devices'
import { readPairRequests, writePairRequests } from './lan-files'

/** A pairing code is good for this long; the device asks again after. */
const PAIR_TTL_MS = 30 * 60_000
/** Codes waiting at once: more is someone flooding the listener, and the oldest give way. */
const MAX_PENDING = 20

export interface PairRequest {
  code: string
  tokenHash: string
  label: string
  requestedAt: Date
  refused: boolean
}

export const hashDeviceToken = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * The office PC's IPv4 network cards a LAN listener may bind to (never 0.0.0.0). Loopback only
 * when SHOUWANG_LAN_LOOPBACK=1 (the e2e tests keep their traffic on this machine).
 */
export function systemInterfaces(): NetworkChoice[] {
  const loopback = process.env.SHOUWANG_LAN_LOOPBACK === '1'
  return Object.entries(os.networkInterfaces()).flatMap(([name, addresses]) =>
    (addresses ?? []).filter((a) => a.family === 'IPv4' && (!a.internal || loopback)).map((a) => ({ name, address: a.address }))
  )
}

/**
 * What the backend keeps of LAN devices: pairing requests waiting for the administrator (in
 * memory and in lan/pairing.json, so a restart of the office PC keeps a tablet's code; they
 * expire after 30 minutes as before) and when each approved device was last heard from (memory
 * only: no write on every call).
 */
export class DeviceBook {
  private readonly requests = new Map<string, PairRequest>()
  private readonly seen = new Map<number, Date>()

  constructor(
    readonly dataDir: string,
    readonly interfaces: () => NetworkChoice[] = systemInterfaces
  ) {
    if (dataDir === '') return
    for (const r of readPairRequests(dataDir)) this.requests.set(r.tokenHash, { ...r, requestedAt: new Date(r.requestedAt) })
  }

  /** Written on every change of the requests (a new code, an answer): a few per pairing, never per call. */
  private save(): void {
    if (this.dataDir === '') return
    try {
      writePairRequests(
        this.dataDir,
        [...this.requests.values()].map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString() }))
      )
    } catch (error) {
      // Kept in memory all the same: only a restart would lose the code, as before.
      console.error('[devices] pairing requests not saved:', error)
    }
  }

  private prune(now: Date): void {
    for (const [hash, request] of this.requests) {
      if (now.getTime() - request.requestedAt.getTime() > PAIR_TTL_MS) this.requests.delete(hash)
    }
  }

  /** The device's request, made on first ask; the same code until it is answered or expires. */
  request(tokenHash: string, label: string, now: Date): PairRequest {
    this.prune(now)
    const existing = this.requests.get(tokenHash)
    if (existing) return existing
    const codes = new Set([...this.requests.values()].map((r) => r.code))
    let code: string
    do code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    while (codes.has(code))
    const request: PairRequest = { code, tokenHash, label, requestedAt: now, refused: false }
    this.requests.set(tokenHash, request)
    while (this.requests.size > MAX_PENDING) this.requests.delete(this.requests.keys().next().value as string)
    this.save()
    return request
  }

  find(tokenHash: string, now: Date): PairRequest | undefined {
    this.prune(now)
    return this.requests.get(tokenHash)
  }

  /** Waiting requests (not refused), oldest first. */
  pending(now: Date): PairRequest[] {
    this.prune(now)
    return [...this.requests.values()].filter((r) => !r.refused)
  }

  byCode(code: string, now: Date): PairRequest | undefined {
    return this.pending(now).find((r) => r.code === code)
  }

  forget(tokenHash: string): void {
    if (this.requests.delete(tokenHash)) this.save()
  }

  /** The administrator said no: the device is told so, until its request expires. */
  refuse(tokenHash: string): void {
    const request = this.requests.get(tokenHash)
    if (!request) return
    request.refused = true
    this.save()
  }

  markSeen(deviceId: number, at: Date): void {
    this.seen.set(deviceId, at)
  }

  lastSeen(deviceId: number): Date | null {
    return this.seen.get(deviceId) ?? null
  }
}
