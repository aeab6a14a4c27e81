import fs from 'node:fs'
import path from 'node:path'
import { PRIVATE_DIR } from '../store/private-files'
import { writeFileAtomically } from '../store/snapshot'

/**
 * The LAN listener's settings and certificate, in the data folder's lan/ (issue 24). Files, not
 * rows: the host reads them at start, before anyone has logged in and opened the encrypted data,
 * so a tablet finds the office PC listening (and told to wait for the office's login).
 */
export const LAN_FOLDER = 'lan'
export const DEFAULT_LAN_PORT = 8443

export interface LanConfig {
  enabled: boolean
  address: string | null
  port: number
}

/** What the host's listener reported last, for 设置 to show (listening, or why not). */
export interface ListenerState {
  listening: boolean
  problem: string | null
}

const file = (dataDir: string, name: string) => path.join(dataDir, LAN_FOLDER, name)

function ensureFolder(dataDir: string): void {
  if (dataDir === '') throw new Error('no data folder for the LAN listener')
  fs.mkdirSync(path.join(dataDir, LAN_FOLDER), { recursive: true, mode: PRIVATE_DIR })
}

function readJson(target: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(target, 'utf8')) as unknown
  } catch {
    return null
  }
}

export function readLanConfig(dataDir: string): LanConfig {
  const raw = readJson(file(dataDir, 'lan.json')) as Partial<LanConfig> | null
  return {
    enabled: raw?.enabled === true && typeof raw.address === 'string',
    address: typeof raw?.address === 'string' ? raw.address : null,
    port: typeof raw?.port === 'number' && Number.isInteger(raw.port) ? raw.port : DEFAULT_LAN_PORT
  }
}

export function writeLanConfig(dataDir: string, config: LanConfig): void {
  ensureFolder(dataDir)
  writeFileAtomically(file(dataDir, 'lan.json'), JSON.stringify(config))
}

export function readListenerState(dataDir: string): ListenerState {
  const raw = readJson(file(dataDir, 'listener.json')) as Partial<ListenerState> | null
  return { listening: raw?.listening === true, problem: typeof raw?.problem === 'string' ? raw.problem : null }
}

export function writeListenerState(dataDir: string, state: ListenerState): void {
  ensureFolder(dataDir)
  writeFileAtomically(file(dataDir, 'listener.json'), JSON.stringify(state))
}

/** A pairing request as kept in lan/pairing.json: the token's hash, never the token. */
export interface StoredPairRequest {
  code: string
  tokenHash: string
  label: string
  requestedAt: string
  refused: boolean
}

/** Pairing requests waiting for the administrator, kept over a restart of the office PC (they expire as before). */
export function readPairRequests(dataDir: string): StoredPairRequest[] {
  const raw = readJson(file(dataDir, 'pairing.json'))
  if (!Array.isArray(raw)) return []
  return raw.filter(
    (r: Partial<StoredPairRequest> | null): r is StoredPairRequest =>
      typeof r?.code === 'string' &&
      /^\d{6}$/.test(r.code) &&
      typeof r.tokenHash === 'string' &&
      /^[0-9a-f]{64}$/.test(r.tokenHash) &&
      typeof r.label === 'string' &&
      typeof r.requestedAt === 'string' &&
      Number.isFinite(Date.parse(r.requestedAt)) &&
      typeof r.refused === 'boolean'
  )
}

export function writePairRequests(dataDir: string, requests: StoredPairRequest[]): void {
  ensureFolder(dataDir)
  writeFileAtomically(file(dataDir, 'pairing.json'), JSON.stringify(requests))
}

export interface CertFiles {
  certPem: string
  keyPem: string
}

export function readCertFiles(dataDir: string): CertFiles | null {
  try {
    return { certPem: fs.readFileSync(file(dataDir, 'cert.pem'), 'utf8'), keyPem: fs.readFileSync(file(dataDir, 'key.pem'), 'utf8') }
  } catch {
    return null
  }
}

/** The key first (0600, temp + rename), then the certificate: a half-written pair is never read as whole. */
export function writeCertFiles(dataDir: string, files: CertFiles): void {
  ensureFolder(dataDir)
  writeFileAtomically(file(dataDir, 'key.pem'), files.keyPem)
  writeFileAtomically(file(dataDir, 'cert.pem'), files.certPem)
}
