import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { AppError } from '../../../shared/errors'

/**
 * Encryption at rest (issue 20): AES-256-GCM under one random data key. Every sealed piece carries
 * its own random 96-bit nonce (the journal writes far fewer than the 2^32 pieces a key may seal with
 * random nonces) and its kind as additional data, so a journal frame cannot be passed off as a
 * snapshot or the other way round. The data key itself is never written down except wrapped (see
 * the key slots).
 */
export interface DataKey {
  readonly bytes: Buffer
}

export const DATA_KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16

export function newDataKey(): DataKey {
  return { bytes: randomBytes(DATA_KEY_BYTES) }
}

/** What a sealed piece is: bound as additional data. */
export type SealKind = 'snapshot' | 'journal'

/** The marker in front of every sealed piece (also how the journal finds frames again after damage). */
export const SEALED_MARK = Buffer.from('SWE1', 'latin1')
export const SEAL_OVERHEAD = SEALED_MARK.length + IV_BYTES + TAG_BYTES

export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length >= SEAL_OVERHEAD && Buffer.from(bytes.buffer, bytes.byteOffset, SEALED_MARK.length).equals(SEALED_MARK)
}

/** mark | iv | ciphertext | tag */
export function seal(plain: Uint8Array, key: DataKey, kind: SealKind): Buffer {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv)
  cipher.setAAD(Buffer.from(kind, 'latin1'))
  const body = cipher.update(plain)
  const tail = cipher.final()
  return Buffer.concat([SEALED_MARK, iv, body, tail, cipher.getAuthTag()])
}

/** The plain bytes, or null when the piece was not sealed by this key for this kind (changed, or another key). */
export function unseal(sealed: Uint8Array, key: DataKey, kind: SealKind): Buffer | null {
  if (!isSealed(sealed)) return null
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength)
  const iv = buf.subarray(SEALED_MARK.length, SEALED_MARK.length + IV_BYTES)
  const body = buf.subarray(SEALED_MARK.length + IV_BYTES, buf.length - TAG_BYTES)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, iv)
    decipher.setAAD(Buffer.from(kind, 'latin1'))
    decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES))
    return Buffer.concat([decipher.update(body), decipher.final()])
  } catch {
    return null
  }
}

/** The bytes in front of a sealed piece's body (mark and nonce) and behind it (the tag). */
export const SEAL_HEAD_BYTES = SEALED_MARK.length + IV_BYTES
export const SEAL_TAG_BYTES = TAG_BYTES

/**
 * seal for a large piece written to a file in small parts (the snapshot): the same bytes as seal
 * (mark | iv | ciphertext | tag) without a whole-size copy. Write `head`, then each part's output,
 * then `finish()`.
 */
export function sealer(key: DataKey, kind: SealKind): { head: Buffer; update(part: Uint8Array): Buffer; finish(): Buffer } {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv)
  cipher.setAAD(Buffer.from(kind, 'latin1'))
  return {
    head: Buffer.concat([SEALED_MARK, iv]),
    update: (part) => cipher.update(part),
    finish: () => {
      const tail = cipher.final()
      return Buffer.concat([tail, cipher.getAuthTag()])
    }
  }
}

/**
 * unseal for a large piece read from a file in small parts (the snapshot): no whole-size copy of
 * the ciphertext or the plain text is ever made. Feed the body part by part; `final` says whether
 * the tag matched (false: changed, or another key; whatever was fed out must be thrown away).
 */
export function unsealer(head: Uint8Array, tag: Uint8Array, key: DataKey, kind: SealKind): { update(part: Uint8Array): Buffer; final(): boolean } {
  const iv = Buffer.from(head.buffer, head.byteOffset + SEALED_MARK.length, IV_BYTES)
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, iv)
  decipher.setAAD(Buffer.from(kind, 'latin1'))
  decipher.setAuthTag(Buffer.from(tag.buffer, tag.byteOffset, tag.byteLength))
  return {
    update: (part) => decipher.update(part),
    final: () => {
      try {
        decipher.final()
        return true
      } catch {
        return false
      }
    }
  }
}

/** The data folder was sealed with another key than the one given: never opened as empty or damaged. */
export function wrongKey(file: string): AppError {
  return new AppError(
    'STORE_KEY_WRONG',
    `数据文件 ${file} 无法用当前的密钥打开：它是用另一把密钥加密的（数据文件夹与密钥文件不配套）。程序没有改动任何文件。请确认数据文件夹和 shouwang.keys 来自同一台电脑，或从备份恢复。`,
    { file }
  )
}
