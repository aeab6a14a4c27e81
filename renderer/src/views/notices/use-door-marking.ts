import { ElMessage } from 'element-plus'
import { onMounted, ref } from 'vue'
import type { Ref } from 'vue'
import type { DoorProgress } from '../../../../shared/contract'
import type { Page } from '../../../../shared/schemas/common'
import type { DoorHow, DoorOutcome } from '../../../../shared/schemas/notices'
import { messageOf } from '../../api'
import { DOOR_KEY_MARKS } from './labels'

/** What a checklist page asks of the backend: the filters as they stand on the page. */
export interface DoorFilter {
  noGrid?: true
  gridId?: number
  outcome?: DoorOutcome
  q?: string
  page: number
  pageSize: number
}

export interface DoorMarkingOptions<Row> {
  /** The row's household or unit id. */
  idOf: (row: Row) => number
  fetch: (filter: DoorFilter) => Promise<Page<Row>>
  mark: (ids: number[], outcome: DoorOutcome, how: DoorHow | null) => Promise<{ progress: DoorProgress }>
  canMark: () => boolean
  onMarked: (progress: DoorProgress) => void
  /** 户 or 家, in the message after a batch. */
  unitWord: string
}

/**
 * The keyboard checklist the households' and the units' lists share: filters, a page, the highlight
 * (↑↓), ticks for a batch, and one key (1/2/3/0/Backspace) marking the highlighted row and moving on.
 */
export function useDoorMarking<Row>(options: DoorMarkingOptions<Row>) {
  const rows = ref([]) as Ref<Row[]>
  const total = ref(0)
  const page = ref(1)
  const pageSize = 50
  // 0 stands for 未划入网格 in the select (an option value cannot be null).
  const gridId = ref<number | null>(null)
  const outcome = ref<DoorOutcome | ''>('')
  const q = ref('')
  const cursor = ref(0)
  // The highlighted row by its id, set whenever the clerk moves the highlight: a reload (which may drop a
  // marked row, and may land after the clerk pressed the next key) puts it back where they left it.
  let highlightedId: number | undefined
  const selected = ref(new Set<number>())

  function choose(index: number): void {
    cursor.value = index
    const row = rows.value[index]
    highlightedId = row === undefined ? undefined : options.idOf(row)
  }

  async function load(): Promise<void> {
    try {
      const found = await options.fetch({
        ...(gridId.value === 0 ? { noGrid: true as const } : gridId.value ? { gridId: gridId.value } : {}),
        ...(outcome.value ? { outcome: outcome.value } : {}),
        ...(q.value.trim() ? { q: q.value.trim() } : {}),
        page: page.value,
        pageSize
      })
      rows.value = found.rows
      total.value = found.total
      const kept = highlightedId === undefined ? -1 : found.rows.findIndex((r) => options.idOf(r) === highlightedId)
      choose(kept >= 0 ? kept : Math.min(cursor.value, Math.max(found.rows.length - 1, 0)))
      // A reload after a key's mark must not drop the ticks the clerk has just made: keep those still on the page.
      const onPage = new Set(found.rows.map(options.idOf))
      selected.value = new Set([...selected.value].filter((id) => onPage.has(id)))
    } catch (error) {
      ElMessage.error(messageOf(error))
    }
  }
  function first(): void {
    page.value = 1
    highlightedId = undefined
    cursor.value = 0
    selected.value = new Set()
    void load()
  }
  onMounted(load)

  function pick(id: number, on: boolean): void {
    const next = new Set(selected.value)
    if (on) next.add(id)
    else next.delete(id)
    selected.value = next
  }

  async function mark(ids: number[], result: DoorOutcome, how: DoorHow | null): Promise<boolean> {
    try {
      const done = await options.mark(ids, result, how)
      options.onMarked(done.progress)
      return true
    } catch (error) {
      ElMessage.error(messageOf(error))
      return false
    }
  }

  async function markSelected(result: DoorOutcome, how: DoorHow | null): Promise<void> {
    const ids = rows.value.map(options.idOf).filter((id) => selected.value.has(id))
    if (await mark(ids, result, how)) {
      selected.value = new Set()
      // The page is read again first, so the message comes with the rows already showing the marks.
      await load()
      ElMessage.success(`已标记 ${ids.length} ${options.unitWord}`)
    }
  }

  /** Marks run one after another, in the order their keys were pressed. */
  let queue: Promise<void> = Promise.resolve()

  /**
   * One key marks the highlighted row and moves on at once, so a building is marked in a row as fast
   * as the clerk types: the highlight moves before the backend answers, and each key's mark is for
   * the row highlighted when it was pressed.
   */
  function onKey(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      choose(Math.max(0, Math.min(rows.value.length - 1, cursor.value + (event.key === 'ArrowDown' ? 1 : -1))))
      return
    }
    const action = DOOR_KEY_MARKS[event.key]
    const row = rows.value[cursor.value]
    if (!action || !row || !options.canMark()) return
    event.preventDefault()
    if (cursor.value < rows.value.length - 1) choose(cursor.value + 1)
    queue = queue.then(async () => {
      // The page is read again (a 未告知-only page loses the marked row); the highlight stays where the clerk has it.
      if (await mark([options.idOf(row)], action[0], action[1])) await load()
    })
  }

  return { rows, total, page, pageSize, gridId, outcome, q, cursor, selected, load, first, choose, pick, markSelected, onKey }
}
