import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../../../shared/errors'
import { DATA_KEY_BYTES } from '../store/cipher'
import type { DataKey } from '../store/cipher'
import { PRIVATE_FILE } from '../store/private-files'
import { syncDirectory } from '../store/snapshot'

/**
 * The key file beside the data (shouwang.keys): the data key is written down only wrapped, once per
 * account (its password unwraps its copy) and once for the recovery code, so any login opens the
 * store and nobody types a second password. What must be known before anyone logs in (the
 * community's name, whether setup was done) is its header, in the clear: nothing personal.
 */
export const KEY_FILE = 'shouwang.keys'
const FORMAT = 1

export interface KeyFileHeader {
  format: number
  communityName: string
  createdAt: string
}

export interface KeySlot {
  /** 'user:<login name>' or 'recovery'. */
  id: string
  salt: string
  N: number
  r: number
  p: number
  iv: string
  wrapped: string
  tag: string
}

export interface KeyFile {
  header: KeyFileHeader
  slots: KeySlot[]
}

export const userSlotId = (username: string) => `user:${username.normalize('NFC').toLowerCase()}`
export const RECOVERY_SLOT = 'recovery'

const SCRYPT = { N: 2 ** 15, r: 8, p: 1 }
const kek = (secret: string, salt: string, m: { N: number; r: number; p: number }) =>
  scryptSync(secret.normalize('NFC'), salt, 32, { N: m.N, r: m.r, p: m.p, maxmem: 128 * m.N * m.r * 2 })

/** A slot: the data key wrapped (AES-256-GCM, the slot id as additional data) under a key from the secret. */
export function wrapKey(id: string, dataKey: DataKey, secret: string): KeySlot {
  const salt = randomBytes(16).toString('base64')
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', kek(secret, salt, SCRYPT), iv)
  cipher.setAAD(Buffer.from(id, 'utf8'))
  const wrapped = Buffer.concat([cipher.update(dataKey.bytes), cipher.final()])
  return { id, salt, ...SCRYPT, iv: iv.toString('base64'), wrapped: wrapped.toString('base64'), tag: cipher.getAuthTag().toString('base64') }
}

/** The data key, or null when the secret is not this slot's (a wrong password says nothing more). */
export function unwrapKey(slot: KeySlot, secret: string): DataKey | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek(secret, slot.salt, slot), Buffer.from(slot.iv, 'base64'))
    decipher.setAAD(Buffer.from(slot.id, 'utf8'))
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'))
    const bytes = Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()])
    return bytes.length === DATA_KEY_BYTES ? { bytes } : null
  } catch {
    return null
  }
}

export function readKeyFile(dir: string): KeyFile | null {
  const file = path.join(dir, KEY_FILE)
  if (!fs.existsSync(file)) return null
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<KeyFile>
    if (parsed.header?.format !== FORMAT || !Array.isArray(parsed.slots)) throw new Error('format')
    return { header: parsed.header, slots: parsed.slots }
  } catch {
    throw new AppError('STORE_KEY_WRONG', `密钥文件 ${file} 已损坏，无法读取。程序没有改动任何文件。请从备份恢复（备份里有数据，恢复后重新设置账户）。`, {
      file
    })
  }
}

/**
 * The newest audit row as of the last snapshot (its id, its keyed hash, and the first keyed row),
 * kept outside the log so removing the newest rows, or rewriting and rehashing the log, shows
 * (audit.verify). Not personal; written only by the audit anchor, kept by every other write.
 */
export interface AuditAnchorRecord {
  id: number
  hash: string
  keyedFrom: number
  at: string
}

function readRaw(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>
  } catch {
    return null
  }
}

export function readAuditAnchorRecord(dir: string): AuditAnchorRecord | null {
  const anchor = readRaw(path.join(dir, KEY_FILE))?.auditAnchor as Partial<AuditAnchorRecord> | undefined
  if (!anchor || typeof anchor.id !== 'number' || typeof anchor.hash !== 'string' || typeof anchor.keyedFrom !== 'number') return null
  return { id: anchor.id, hash: anchor.hash, keyedFrom: anchor.keyedFrom, at: String(anchor.at ?? '') }
}

/** Sets the anchor in an existing key file (false when there is none: a plain folder has no anchor). */
export function writeAuditAnchorRecord(dir: string, anchor: AuditAnchorRecord): boolean {
  const raw = readRaw(path.join(dir, KEY_FILE))
  if (!raw) return false
  writeWhole(dir, { ...raw, auditAnchor: anchor })
  return true
}

/** Temp file, fsync, rename, fsync the folder: the key file is never half written. The anchor on disk is kept. */
export function writeKeyFile(dir: string, keys: KeyFile): void {
  const anchor = readRaw(path.join(dir, KEY_FILE))?.auditAnchor
  writeWhole(dir, anchor === undefined ? { ...keys } : { ...keys, auditAnchor: anchor })
}

function writeWhole(dir: string, content: Record<string, unknown>): void {
  const file = path.join(dir, KEY_FILE)
  const temp = `${file}.tmp`
  const fd = fs.openSync(temp, 'w', PRIVATE_FILE)
  try {
    fs.writeSync(fd, JSON.stringify(content, null, 1))
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(temp, file)
  syncDirectory(dir)
}

export function newKeyFile(communityName: string, createdAt: string): KeyFile {
  return { header: { format: FORMAT, communityName, createdAt }, slots: [] }
}

/** The file with the slot added or replaced (a password change rewraps: the old slot goes). */
export function withSlot(keys: KeyFile, slot: KeySlot): KeyFile {
  return { ...keys, slots: [...keys.slots.filter((s) => s.id !== slot.id), slot] }
}

/** The file without the slot (an account disabled or deleted can no longer open the data). */
export function withoutSlot(keys: KeyFile, id: string): KeyFile {
  return { ...keys, slots: keys.slots.filter((s) => s.id !== id) }
}

export function slotOf(keys: KeyFile, id: string): KeySlot | undefined {
  return keys.slots.find((s) => s.id === id)
}
