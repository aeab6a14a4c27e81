import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { BackupConfig, BackupFileView, BackupInspection, BackupStatus, RestoreResult } from '../../../shared/contract/backup'
import type { BackupConfigureArgs, BackupSource } from '../../../shared/schemas/backup'
import { call } from '../api'

export const useBackupStore = defineStore('backup', () => {
  const config = ref<BackupConfig | null>(null)
  const status = ref<BackupStatus | null>(null)
  const files = ref<BackupFileView[]>([])

  async function load(): Promise<void> {
    const [c, s, f] = await Promise.all([call('backup.config', {}), call('backup.status', {}), call('backup.list', {})])
    config.value = c
    status.value = s
    files.value = f
  }

  async function loadStatus(): Promise<BackupStatus> {
    status.value = await call('backup.status', {})
    return status.value
  }

  async function configure(args: BackupConfigureArgs): Promise<void> {
    config.value = await call('backup.configure', args)
    await load()
  }

  async function setPassword(password: string): Promise<void> {
    config.value = await call('backup.setPassword', { password })
  }

  async function runNow(): Promise<void> {
    try {
      await call('backup.run', {})
    } finally {
      await load()
    }
  }

  function inspect(source: BackupSource, password?: string): Promise<BackupInspection> {
    return call('backup.inspect', password ? { source, password } : { source })
  }

  function restore(args: { source: BackupSource; password?: string; adminPassword: string; movingOffice?: boolean }): Promise<RestoreResult> {
    return call('backup.restore', args)
  }

  function restoreAtSetup(upload: Uint8Array<ArrayBuffer>, password: string): Promise<RestoreResult> {
    return call('backup.restoreAtSetup', { upload, password })
  }

  return { config, status, files, load, loadStatus, configure, setPassword, runNow, inspect, restore, restoreAtSetup }
})
