import type { ImportTargetKey } from '../../../shared/schemas/excel'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ImportCheck, ImportPreview, ImportSummary, MethodArgs, TemplateInfo } from '../../../shared/contract'
import type { OnExisting } from '../../../shared/schemas/excel'
import { call, onBackendEvent } from '../api'

export interface Progress {
  label: string
  done: number
  total: number
}

let jobSeq = 0
/** A job id the backend's progress events for this call carry. */
export function newJobId(): string {
  jobSeq += 1
  return `job-${Date.now()}-${jobSeq}`
}

/** Runs a call that reports progress, showing its events while it runs. */
export async function withProgress<T>(target: { value: Progress | null }, run: (jobId: string) => Promise<T>): Promise<T> {
  const jobId = newJobId()
  target.value = { label: '请稍候', done: 0, total: 0 }
  const stop = onBackendEvent((event) => {
    if (event.type === 'progress' && event.jobId === jobId) target.value = { label: event.label, done: event.done, total: event.total }
  })
  try {
    return await run(jobId)
  } finally {
    stop()
    target.value = null
  }
}

/** The import wizard: 选择文件 → 选择工作表 → 对应列 → 检查数据 → 导入完成. */
export const useExcelStore = defineStore('excel', () => {
  const step = ref(0)
  const preview = ref<ImportPreview | null>(null)
  const mapping = ref<(string | null)[]>([])
  const onExisting = ref<OnExisting>('fillEmpty')
  /** What the file holds: residents and households, or returnee registrations. */
  const target = ref<ImportTargetKey>('residents')
  const check = ref<ImportCheck | null>(null)
  const summary = ref<ImportSummary | null>(null)
  const progress = ref<Progress | null>(null)
  const busy = computed(() => progress.value !== null)

  function reset(): void {
    if (preview.value) void call('excel.discard', { stagingId: preview.value.stagingId }).catch(() => undefined)
    step.value = 0
    preview.value = null
    check.value = null
    summary.value = null
    mapping.value = []
  }

  function show(p: ImportPreview): void {
    preview.value = p
    mapping.value = p.columns.map((c) => c.field)
    check.value = null
  }

  async function open(file: File): Promise<void> {
    const bytes = new Uint8Array(await file.arrayBuffer())
    const p = await withProgress(progress, (jobId) => call('excel.preview', { target: target.value, fileName: file.name, bytes, jobId }))
    show(p)
    step.value = 1
  }

  async function reshape(sheet: number, headerStart: number | null, headerEnd: number | null): Promise<void> {
    if (!preview.value) return
    show(await call('excel.reshape', { stagingId: preview.value.stagingId, sheet, headerStart, headerEnd }))
  }

  function checkArgs(jobId: string): MethodArgs<'excel.check'> {
    const p = preview.value
    if (!p) throw new Error('no file')
    return {
      stagingId: p.stagingId,
      sheet: p.sheet,
      headerStart: p.headerStart,
      headerEnd: p.headerEnd,
      mapping: mapping.value,
      onExisting: onExisting.value,
      jobId
    }
  }

  async function runCheck(): Promise<void> {
    check.value = await withProgress(progress, (jobId) => call('excel.check', checkArgs(jobId)))
    step.value = 3
  }

  async function commit(): Promise<void> {
    summary.value = await withProgress(progress, (jobId) => call('excel.commit', checkArgs(jobId)))
    step.value = 4
  }

  async function saveMapping(name: string): Promise<void> {
    const p = preview.value
    if (!p) return
    await call('excel.saveMapping', { target: p.target, name, headers: p.columns.map((c) => c.header), mapping: mapping.value })
  }

  const rejected = () => call('excel.rejected', { stagingId: preview.value?.stagingId ?? '' })
  const templates = (): Promise<TemplateInfo[]> => call('excel.templates', {})

  return {
    target,
    step,
    preview,
    mapping,
    onExisting,
    check,
    summary,
    progress,
    busy,
    reset,
    open,
    reshape,
    runCheck,
    commit,
    saveMapping,
    rejected,
    templates
  }
})
