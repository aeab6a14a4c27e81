import path from 'node:path'
import type { BackendEvent } from '../../../shared/contract'
import type { ArgsOf, ResultOf } from '../../../shared/contract/types'
import type { Api } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { Envelope } from '../../../shared/errors'
import { loginArgs, recoverArgs } from '../../../shared/schemas/accounts'
import { findAccountById } from '../accounts/accounts.repo'
import { WRONG_LOGIN, WRONG_RECOVERY } from '../auth/login.service'
import { normalizeRecoveryCode } from '../auth/recovery-code'
import { createBackend } from '../backend'
import type { Backend, BackendOptions } from '../backend'
import { readCommunityName } from '../backup/backup.repo'
import { newDataKey } from '../store/cipher'
import { acquireLock } from '../store/lock'
import { assertJournalFramesWhole } from '../store/journal'
import { assertSnapshotWhole } from '../store/snapshot'
import { DATABASE_FILE, JOURNAL_FILE, LOCK_FILE } from '../store/store'
import type { DataKey } from '../store/cipher'
import { RECOVERY_SLOT, newKeyFile, readKeyFile, slotOf, unwrapKey, userSlotId, withSlot, withoutSlot, wrapKey, writeKeyFile } from './key-file'
import type { KeyFile } from './key-file'

/** What a host needs of a backend. */
export type HostBackend = Pick<Backend, 'callAs' | 'onEvent' | 'close'>

const fail = (code: 'UNAUTHORIZED', message: string): Envelope<unknown> => ({ ok: false, error: { code, message } })

/**
 * The backend behind its key file (issue 20). With shouwang.keys beside the data, the store stays
 * closed until a login or a recovery code unwraps the data key from that account's slot; before
 * that only the login page's questions are answered (from the key file's clear header). Without a
 * key file the folder is plain (a new install, or data from before encryption): the first setup or
 * login creates the data key, writes the key file, then seals the store in place. Every change of a
 * password, a new account, a disabled account or a new recovery code updates the slots after the
 * change is committed.
 */
export async function createKeyedBackend(options: BackendOptions): Promise<HostBackend> {
  const dir = options.dataDir
  const now = options.now ?? (() => new Date())
  let keys: KeyFile | null = readKeyFile(dir)
  let key: DataKey | null = null
  // A locked start holds the folder's lock from the start: a second program is refused at once.
  const lock = keys ? await acquireLock(path.join(dir, LOCK_FILE), now()) : null
  if (keys) {
    // Damage is told at the start, as without encryption, so the desktop start can ask what to do
    // (restore, or open skipping the damaged record) before anyone logs in.
    try {
      assertSnapshotWhole(path.join(dir, DATABASE_FILE))
      if (!options.store?.salvageJournal) assertJournalFramesWhole(path.join(dir, JOURNAL_FILE))
    } catch (error) {
      lock?.()
      throw error
    }
  }
  let inner: Backend | null = keys ? null : await createBackend(options)
  let opening: Promise<Backend> | null = null
  const listeners = new Set<(event: BackendEvent) => void>()
  // The backend opened later relays to whoever listens now or later.
  const attach = (backend: Backend) => backend.onEvent((event) => listeners.forEach((listener) => listener(event)))
  if (inner) attach(inner)

  const save = (next: KeyFile) => {
    writeKeyFile(dir, next)
    keys = next
  }

  /** Locked: a slot's secret unwraps the key, then the store opens with it (damage is told here). */
  async function unlock(slotId: string, secret: string): Promise<Backend | null> {
    const slot = keys ? slotOf(keys, slotId) : undefined
    const unwrapped = slot ? unwrapKey(slot, secret) : null
    if (!unwrapped) return null
    opening ??= createBackend({ ...options, store: { ...options.store, dataKey: unwrapped, heldLock: lock } }).then((backend) => {
      key = unwrapped
      inner = backend
      attach(backend)
      return backend
    })
    try {
      return await opening
    } finally {
      opening = null
    }
  }

  const slotFor = (username: string, password: string) => wrapKey(userSlotId(username), key as DataKey, password)

  async function afterSuccess(backend: Backend, token: string | null, method: string, args: unknown, data: unknown): Promise<void> {
    if (method === 'auth.setup' || method === 'auth.login' || method === 'auth.recover') {
      const a = args as { username: string; password: string; communityName?: string }
      if (!key) {
        const base = newKeyFile(a.communityName ?? readCommunityName(backend.store), now().toISOString())
        const keyToBe = newDataKey()
        key = keyToBe
        let first = withSlot(base, slotFor(a.username, a.password))
        const code = (data as { recoveryCode?: string }).recoveryCode
        if (code) first = withSlot(first, wrapKey(RECOVERY_SLOT, keyToBe, normalizeRecoveryCode(code)))
        save(first)
        backend.store.sealWith(keyToBe)
        return
      }
      let next = keys as KeyFile
      const mine = slotOf(next, userSlotId(a.username))
      if (method !== 'auth.login' || !mine || !unwrapKey(mine, a.password)) next = withSlot(next, slotFor(a.username, a.password))
      const code = (data as { recoveryCode?: string }).recoveryCode
      if (code) next = withSlot(next, wrapKey(RECOVERY_SLOT, key, normalizeRecoveryCode(code)))
      if (next !== keys) save(next)
      return
    }
    if (!key || !keys) return
    const usernameOf = (id: number) => findAccountById(backend.store, id)?.username
    if (method === 'auth.changePassword') {
      const who = await backend.callAs(token, 'auth.whoami', {})
      if (who.ok) save(withSlot(keys, slotFor((who.data as ResultOf<Api['auth.whoami']>).username, (args as ArgsOf<Api['auth.changePassword']>).newPassword)))
    } else if (method === 'auth.renewRecoveryCode') {
      save(withSlot(keys, wrapKey(RECOVERY_SLOT, key, normalizeRecoveryCode((data as { recoveryCode: string }).recoveryCode))))
    } else if (method === 'accounts.create') {
      const a = args as ArgsOf<Api['accounts.create']>
      save(withSlot(keys, slotFor(a.username, a.password)))
    } else if (method === 'accounts.resetPassword') {
      const a = args as ArgsOf<Api['accounts.resetPassword']>
      const username = usernameOf(a.id)
      if (username) save(withSlot(keys, slotFor(username, a.newPassword)))
    } else if (method === 'accounts.setActive') {
      const a = args as ArgsOf<Api['accounts.setActive']>
      const username = usernameOf(a.id)
      if (username && !a.active) save(withoutSlot(keys, userSlotId(username)))
    }
  }

  async function lockedCall(method: string, args: unknown): Promise<{ backend: Backend } | Envelope<unknown>> {
    if (method === 'system.ping') return { ok: true, data: { pong: true, time: now().toISOString(), appVersion: options.appVersion } }
    if (method === 'auth.status') return { ok: true, data: { setupRequired: false, communityName: keys?.header.communityName ?? '' } }
    if (method === 'auth.login' || method === 'auth.recover') {
      // Bad input is answered by the backend's own checks once open; here only what opens it matters.
      const wrong = fail('UNAUTHORIZED', method === 'auth.login' ? WRONG_LOGIN : WRONG_RECOVERY)
      let slotId: string
      let secret: string
      if (method === 'auth.login') {
        const login = loginArgs.safeParse(args)
        if (!login.success) return wrong
        slotId = userSlotId(login.data.username)
        secret = login.data.password
      } else {
        const recover = recoverArgs.safeParse(args)
        if (!recover.success) return wrong
        slotId = RECOVERY_SLOT
        secret = normalizeRecoveryCode(recover.data.recoveryCode)
      }
      try {
        const backend = await unlock(slotId, secret)
        if (backend) return { backend }
      } catch (error) {
        return { ok: false, error: error instanceof AppError ? error.toBody() : { code: 'INTERNAL', message: `无法打开数据：${String(error)}` } }
      }
      return wrong
    }
    return fail('UNAUTHORIZED', '请先登录。')
  }

  return {
    async callAs(token, method, args, device) {
      let backend = inner
      // A LAN device cannot open the data: the office PC's own login does (pairing is checked inside).
      if (!backend && device !== undefined && method !== 'system.ping') {
        return fail('UNAUTHORIZED', '办公室电脑上的守望还没有登录，请先在办公室电脑上登录，再在这台设备上使用。')
      }
      if (!backend) {
        const locked = await lockedCall(method, args)
        if (!('backend' in locked)) return locked
        backend = locked.backend
      }
      const envelope = await backend.callAs(token, method, args, device)
      if (envelope.ok) await afterSuccess(backend, token, method, args, envelope.data)
      return envelope
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: async () => {
      if (inner) await inner.close()
      else lock?.()
    }
  }
}
