import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  KEY_FILE,
  RECOVERY_SLOT,
  newKeyFile,
  readKeyFile,
  slotOf,
  unwrapKey,
  userSlotId,
  withSlot,
  withoutSlot,
  wrapKey,
  writeKeyFile
} from '../../../electron/backend/keys/key-file'
import { newDataKey } from '../../../electron/backend/store/cipher'
import { tempDir } from '../support/temp'

describe('key slots (issue 20)', () => {
  it('each account unwraps the same data key with its own password; a wrong one gets nothing', () => {
    const key = newDataKey()
    const admin = wrapKey(userSlotId('Admin'), key, 'Shouwang#2026')
    const clerk = wrapKey(userSlotId('liuyun'), key, '刘芸的密码2026')
    expect(unwrapKey(admin, 'Shouwang#2026')?.bytes.equals(key.bytes)).toBe(true)
    expect(unwrapKey(clerk, '刘芸的密码2026')?.bytes.equals(key.bytes)).toBe(true)
    expect(unwrapKey(admin, 'shouwang#2026')).toBeNull()
    expect(unwrapKey(clerk, 'Shouwang#2026')).toBeNull()
    // A slot moved under another account's name does not open: the id is bound to the wrapping.
    expect(unwrapKey({ ...admin, id: userSlotId('liuyun') }, 'Shouwang#2026')).toBeNull()
    expect(admin.id).toBe('user:admin')
  })

  it('the file keeps the header in the clear and the key only wrapped; a password change rewraps; a disabled account loses its slot', () => {
    const dir = tempDir()
    const key = newDataKey()
    let keys = newKeyFile('幸福里社区', '2026-12-05T02:00:00.000Z')
    keys = withSlot(keys, wrapKey(userSlotId('admin'), key, 'old-Password1'))
    keys = withSlot(keys, wrapKey(RECOVERY_SLOT, key, 'ABCD-EFGH-JKLM'))
    keys = withSlot(keys, wrapKey(userSlotId('admin'), key, 'new-Password2'))
    writeKeyFile(dir, keys)
    const file = path.join(dir, KEY_FILE)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(fs.readFileSync(file).includes(key.bytes)).toBe(false)
    expect(fs.readFileSync(file, 'utf8')).not.toContain(key.bytes.toString('base64'))
    const read = readKeyFile(dir)
    expect(read?.header.communityName).toBe('幸福里社区')
    expect(read?.slots.map((s) => s.id)).toEqual([RECOVERY_SLOT, 'user:admin'])
    const admin = slotOf(read!, 'user:admin')!
    expect(unwrapKey(admin, 'old-Password1')).toBeNull()
    expect(unwrapKey(admin, 'new-Password2')?.bytes.equals(key.bytes)).toBe(true)
    expect(unwrapKey(slotOf(read!, RECOVERY_SLOT)!, 'ABCD-EFGH-JKLM')?.bytes.equals(key.bytes)).toBe(true)
    expect(withoutSlot(read!, 'user:admin').slots.map((s) => s.id)).toEqual([RECOVERY_SLOT])
  })

  it('no key file reads as none; a damaged one is refused with a clear message', () => {
    const dir = tempDir()
    expect(readKeyFile(dir)).toBeNull()
    fs.writeFileSync(path.join(dir, KEY_FILE), '{"header":')
    expect(() => readKeyFile(dir)).toThrow(/密钥文件 .* 已损坏/)
  })
})
