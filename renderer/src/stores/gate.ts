import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Checkpoint, GateEntryView, GateRegistered, GateResidentHit, PassCheck } from '../../../shared/contract'
import { DEFAULT_FEVER_THRESHOLD } from '../../../shared/domain/temperature'
import type { GateCorrect, GateRegister } from '../../../shared/schemas/gate'
import { call } from '../api'

const CHECKPOINT_KEY = 'shouwang.gate.checkpoint'

export const useGateStore = defineStore('gate', () => {
  const checkpoints = ref<Checkpoint[]>([])
  /** Chosen once per gate PC and remembered: a volunteer should not pick it for every entry. */
  const checkpointId = ref<number | null>(Number(localStorage.getItem(CHECKPOINT_KEY)) || null)
  const recent = ref<GateEntryView[]>([])
  const threshold = ref(DEFAULT_FEVER_THRESHOLD)
  const checkpoint = computed(() => checkpoints.value.find((c) => c.id === checkpointId.value) ?? null)

  async function load(): Promise<void> {
    checkpoints.value = await call('checkpoints.list', {})
    if (checkpointId.value !== null && !checkpoint.value) choose(null)
    const settings = await call('settings.get', {})
    threshold.value = settings.temperatureThreshold ?? DEFAULT_FEVER_THRESHOLD
    await loadRecent()
  }

  function choose(id: number | null): void {
    checkpointId.value = id
    if (id === null) localStorage.removeItem(CHECKPOINT_KEY)
    else localStorage.setItem(CHECKPOINT_KEY, String(id))
    void loadRecent()
  }

  async function loadRecent(): Promise<void> {
    recent.value = checkpointId.value === null ? [] : await call('gate.recent', { checkpointId: checkpointId.value })
  }

  function search(q: string): Promise<GateResidentHit[]> {
    return call('gate.search', { q })
  }

  function checkPass(number: string): Promise<PassCheck> {
    return call('gate.checkPass', { number, checkpointId: checkpointId.value ?? 0 })
  }

  async function register(args: GateRegister): Promise<GateRegistered> {
    const saved = await call('gate.register', args)
    recent.value = [saved, ...recent.value].slice(0, 20)
    return saved
  }

  /** 更正 at the gate: only entries of this PC's checkpoint (the backend checks it too). */
  async function correct(args: Omit<GateCorrect, 'checkpointId'>): Promise<GateEntryView> {
    const saved = await call('gate.correct', { ...args, checkpointId: checkpointId.value ?? undefined })
    recent.value = recent.value.map((row) => (row.id === saved.id ? saved : row))
    return saved
  }

  function hospital(entryId: number): Promise<{ name: string }> {
    return call('gate.hospital', { entryId })
  }

  return { checkpoints, checkpointId, checkpoint, recent, threshold, load, choose, search, checkPass, register, correct, hospital }
})
