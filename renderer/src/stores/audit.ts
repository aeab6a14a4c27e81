import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { AuditVerifyResult, AuditView } from '../../../shared/contract'
import type { AuditExportArgs } from '../../../shared/schemas/audit'
import { call } from '../api'
import { saveBytes } from '../utils/download'

export interface AuditFilter {
  actor: string
  action: string
  range: [string, string] | null
  text: string
}

export const useAuditStore = defineStore('audit', () => {
  const rows = ref<AuditView[]>([])
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(50)
  const loading = ref(false)
  const filter = reactive<AuditFilter>({ actor: '', action: '', range: null, text: '' })

  function args(): AuditExportArgs {
    return {
      actor: filter.actor || undefined,
      action: filter.action || undefined,
      text: filter.text || undefined,
      from: filter.range?.[0],
      to: filter.range?.[1]
    }
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      const result = await call('audit.list', { ...args(), page: page.value, pageSize: pageSize.value })
      rows.value = result.rows
      total.value = result.total
    } finally {
      loading.value = false
    }
  }

  async function exportFile(): Promise<void> {
    const file = await call('audit.export', args())
    saveBytes(file.fileName, file.bytes)
  }

  function verify(): Promise<AuditVerifyResult> {
    return call('audit.verify', {})
  }

  return { rows, total, page, pageSize, loading, filter, load, exportFile, verify }
})
