import { randomInt } from 'node:crypto'

// No 0/O, 1/I: the code is copied by hand from a screen to paper and typed back.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const GROUPS = 4
const GROUP_LENGTH = 5

/** A fresh recovery code, e.g. "K7QF2-9XMRT-AB3CD-EFG4H": 20 characters of 32, 100 bits. */
export function newRecoveryCode(): string {
  const groups: string[] = []
  for (let g = 0; g < GROUPS; g++) {
    let group = ''
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)]
    groups.push(group)
  }
  return groups.join('-')
}

/** What is hashed and compared: case, spaces and dashes as typed do not matter. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '')
}
