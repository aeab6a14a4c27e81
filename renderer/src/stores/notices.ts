import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { NoticeDetail, NoticeRow } from '../../../shared/contract'
import type { NoticeChannel, NoticeInput, NoticeKind, NoticeListArgs, NoticeMark, NoticeMarkUnits, NoticePost } from '../../../shared/schemas/notices'
import { call } from '../api'
import { saveBytes } from '../utils/download'

export interface NoticeFilter {
  kind: NoticeKind | ''
  channel: NoticeChannel | ''
  /** Published between these local days (both or neither). */
  days: [string, string] | null
  q: string
}

export const useNoticesStore = defineStore('notices', () => {
  const rows = ref<NoticeRow[]>([])
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(20)
  const loading = ref(false)
  const filter = reactive<NoticeFilter>({ kind: '', channel: '', days: null, q: '' })

  function listArgs(): NoticeListArgs {
    return {
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.channel ? { channel: filter.channel } : {}),
      ...(filter.days ? { from: filter.days[0], to: filter.days[1] } : {}),
      ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
      page: page.value,
      pageSize: pageSize.value
    }
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      const found = await call('notices.list', listArgs())
      rows.value = found.rows
      total.value = found.total
    } finally {
      loading.value = false
    }
  }

  async function create(input: NoticeInput): Promise<NoticeDetail> {
    const saved = await call('notices.create', input)
    await load()
    return saved
  }

  async function exportLedger(from: string, to: string): Promise<void> {
    const file = await call('notices.export', { from, to })
    saveBytes(file.fileName, file.bytes)
  }

  const get = (id: number): Promise<NoticeDetail> => call('notices.get', { id })
  const post = (args: NoticePost): Promise<NoticeDetail> => call('notices.post', args)
  const unpost = (noticeId: number, postId: number): Promise<NoticeDetail> => call('notices.unpost', { noticeId, postId })
  const mark = (args: NoticeMark) => call('notices.mark', args)
  const markUnits = (args: NoticeMarkUnits) => call('notices.markUnits', args)

  return { rows, total, page, pageSize, loading, filter, load, create, get, post, unpost, mark, markUnits, exportLedger }
})
