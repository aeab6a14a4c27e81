import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AutoFillReport, RosterPrint, RosterSettingsView, RosterWeek, ShiftTemplate } from '../../../shared/contract'
import { addDays, localIsoDate } from '../../../shared/domain/dates'
import type { Conflict, RulePlacement } from '../../../shared/domain/roster-rules'
import { placementProblems } from '../../../shared/domain/roster-rules'
import type { RosterAttend, RosterSettings, ShiftCreate } from '../../../shared/schemas/roster'
import { call } from '../api'
import { saveBytes } from '../utils/download'

/** The Monday of a date's week, in the office's calendar. */
export function mondayOf(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number)
  const weekday = (new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1)).getUTCDay() + 6) % 7
  return addDays(iso, -weekday)
}

export const useRosterStore = defineStore('roster', () => {
  const week = ref(mondayOf(localIsoDate(new Date())))
  const data = ref<RosterWeek | null>(null)
  const shifts = ref<ShiftTemplate[]>([])
  const loading = ref(false)

  /** Conflicts by cell 'day:template', so the grid paints a cell red in one look-up. */
  const conflictsByCell = computed(() => {
    const map = new Map<string, Conflict[]>()
    for (const c of data.value?.conflicts ?? []) {
      for (const cell of c.cells) {
        const key = `${cell.dayIndex}:${cell.templateId}`
        map.set(key, [...(map.get(key) ?? []), c])
      }
    }
    return map
  })

  async function load(): Promise<void> {
    loading.value = true
    try {
      data.value = await call('roster.week', { week: week.value })
    } finally {
      loading.value = false
    }
  }

  function move(days: number): Promise<void> {
    week.value = addDays(week.value, days)
    return load()
  }

  function setWeek(day: string): Promise<void> {
    week.value = mondayOf(day)
    return load()
  }

  /** What placing this person would break, computed here with the backend's own rules. */
  function problemsOf(p: RulePlacement): Conflict[] {
    const w = data.value
    if (!w) return []
    return placementProblems({ templates: w.templates, people: w.people, placements: w.placements, context: w.context, settings: w.settings }, p)
  }

  async function place(dayIndex: number, templateId: number, volunteerId: number, isLead: boolean, force: boolean): Promise<void> {
    data.value = await call('roster.place', {
      week: week.value,
      day: addDays(week.value, dayIndex),
      templateId,
      volunteerId,
      isLead,
      ...(force ? { force } : {})
    })
  }

  async function remove(id: number): Promise<void> {
    data.value = await call('roster.remove', { id })
  }

  async function setLead(id: number, isLead: boolean): Promise<void> {
    data.value = await call('roster.setLead', { id, isLead })
  }

  /** includePast: also the days and shifts already begun (only when the clerk ticks it). */
  async function autoFill(includePast = false): Promise<AutoFillReport> {
    const report = await call('roster.autoFill', { week: week.value, ...(includePast ? { includePast } : {}) })
    data.value = report.week
    return report
  }

  async function copyLastWeek(): Promise<{ copied: number; skipped: number }> {
    const result = await call('roster.copyLastWeek', { week: week.value })
    data.value = result
    return { copied: result.copied, skipped: result.skipped }
  }

  async function loadShifts(): Promise<void> {
    shifts.value = await call('shifts.list', {})
  }

  async function saveShift(id: number | null, input: ShiftCreate): Promise<ShiftTemplate> {
    const saved = id === null ? await call('shifts.create', input) : await call('shifts.update', { id, ...input })
    await Promise.all([loadShifts(), load()])
    return saved
  }

  async function retireShift(id: number): Promise<void> {
    await call('shifts.retire', { id })
    await Promise.all([loadShifts(), load()])
  }

  function settings(): Promise<RosterSettingsView> {
    return call('roster.settings', {})
  }

  async function saveSettings(s: RosterSettings): Promise<void> {
    await call('roster.saveSettings', s)
    await load()
  }

  /** 值班排班表 of the shown week as Excel (one sheet per checkpoint). */
  async function exportWeek(): Promise<void> {
    const file = await call('roster.export', { week: week.value })
    saveBytes(file.fileName, file.bytes)
  }

  /** 签到 / 签退 / 缺勤 of one placement; the week is read again so every view shows the times. */
  async function attend(args: RosterAttend): Promise<void> {
    await call('roster.attend', args)
    await load()
  }

  /** Takes back the last 签到 / 签退 / 缺勤 step of a placement (logged). */
  async function undoAttend(id: number): Promise<void> {
    await call('roster.undoAttend', { id })
    await load()
  }

  /** The shown week for the printed sheet: full phones when the role may reveal them (logged). */
  function printWeek(): Promise<RosterPrint> {
    return call('roster.print', { week: week.value })
  }

  return {
    exportWeek,
    attend,
    undoAttend,
    printWeek,
    week,
    data,
    shifts,
    loading,
    conflictsByCell,
    load,
    move,
    setWeek,
    problemsOf,
    place,
    remove,
    setLead,
    autoFill,
    copyLastWeek,
    loadShifts,
    saveShift,
    retireShift,
    settings,
    saveSettings
  }
})
