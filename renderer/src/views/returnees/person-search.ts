import { ElMessage } from 'element-plus'
import { ref } from 'vue'
import type { ResidentRow } from '../../../../shared/contract'
import { call, messageOf } from '../../api'

/** Remote search of the register for the person pickers (name, pinyin initials, ID/phone tail). */
export function usePersonSearch() {
  const options = ref<ResidentRow[]>([])
  const loading = ref(false)
  const known = new Map<number, ResidentRow>()
  let latest = 0

  async function search(q: string): Promise<void> {
    const mine = ++latest
    if (q.trim() === '') return
    loading.value = true
    try {
      const page = await call('residents.list', { q: q.trim(), pageSize: 20 })
      if (mine !== latest) return
      options.value = page.rows
      for (const row of page.rows) known.set(row.id, row)
    } catch (error) {
      // A number shape the search does not accept (5 digits ...) says so; the picker just offers nobody.
      if (mine !== latest) return
      options.value = []
      ElMessage.warning({ message: messageOf(error), grouping: true })
    } finally {
      if (mine === latest) loading.value = false
    }
  }

  const nameOf = (id: number): string => known.get(id)?.name ?? ''
  const rowOf = (id: number): ResidentRow | undefined => known.get(id)

  function remember(row: ResidentRow): void {
    known.set(row.id, row)
    if (!options.value.some((o) => o.id === row.id)) options.value = [row, ...options.value]
  }

  return { options, loading, search, nameOf, rowOf, remember }
}
