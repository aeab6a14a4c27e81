import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { reactive, ref } from 'vue'

/**
 * What crosses Electron's contextBridge: arguments are copied with the structured clone
 * algorithm, and a Vue reactive Proxy cannot be cloned (DataCloneError: "An object could not
 * be cloned"), which in the desktop app turned every save holding a reactive array into
 * 操作没有完成. The renderer's real api layer and stores run here against a fake bridge that
 * clones exactly as the real one does, with the arguments built the way the forms build them
 * (reactive models, spread or passed through their helpers).
 */

interface Sent {
  method: string
  args: unknown
}
const sent: Sent[] = []

function replyFor(method: string): unknown {
  if (method.endsWith('.list')) return []
  if (method === 'excel.preview') {
    return { stagingId: 's1', target: 'residents', sheet: 0, headerStart: 1, headerEnd: 1, sheets: [], columns: [{ header: '姓名', field: 'name' }], rows: [] }
  }
  return { id: 1 }
}

const bridge = {
  call(method: string, args: unknown, _session: string | null) {
    // contextBridge + ipcRenderer.invoke: structured clone, synchronously, in the caller.
    const copy = structuredClone(args)
    sent.push({ method, args: copy })
    return Promise.resolve({ ok: true, data: replyFor(method) })
  },
  onEvent: () => () => undefined,
  print: () => Promise.resolve({ ok: true }),
  onPrintRequest: () => () => undefined
}

function memoryStorage(): Storage {
  const items = new Map<string, string>()
  return {
    get length() {
      return items.size
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value)
  }
}

beforeAll(() => {
  vi.stubGlobal('window', { shouwang: bridge, addEventListener: () => undefined, location: { href: 'app://shouwang/index.html' } })
  vi.stubGlobal('sessionStorage', memoryStorage())
  vi.stubGlobal('localStorage', memoryStorage())
})
afterAll(() => vi.unstubAllGlobals())
beforeEach(() => {
  sent.length = 0
  setActivePinia(createPinia())
})

const lastArgs = (method: string) => sent.filter((s) => s.method === method).at(-1)?.args

describe('the bridge rule itself', () => {
  it('refuses a reactive array, as contextBridge does (the fake bridge can fail)', () => {
    const form = reactive({ tags: ['elderly'] })
    expect(() => bridge.call('residents.create', { ...form }, null)).toThrow(/could not be cloned/)
  })
})

describe('every form’s arguments reach the bridge as plain data', () => {
  it('resident with tags (the register form’s toArgs over its reactive model)', async () => {
    const { emptyForm, toArgs } = await import('../../../renderer/src/views/residents/resident-form')
    const { useResidentsStore } = await import('../../../renderer/src/stores/residents')
    const form = reactive({ ...emptyForm(), name: '张三', tags: ['elderly', 'chronic'] as const })
    await useResidentsStore().create({ ...toArgs({ ...form, tags: form.tags as never }), householdId: 1 })
    expect(lastArgs('residents.create')).toMatchObject({ name: '张三', tags: ['elderly', 'chronic'] })
  })

  it('temperature with symptoms (the grid’s reactive drafts)', async () => {
    const { useMonitoringStore } = await import('../../../renderer/src/stores/monitoring')
    const drafts = reactive<Record<number, { symptoms: string[] }>>({ 7: { symptoms: ['fever', 'cough'] } })
    await useMonitoringStore().check({
      episodeId: 7,
      day: '2026-12-05',
      morning: 37.8,
      evening: null,
      symptoms: drafts[7]?.symptoms as never,
      outcome: 'normal',
      note: ''
    } as never)
    expect(lastArgs('monitoring.check')).toMatchObject({ symptoms: ['fever', 'cough'] })
  })

  it('Excel import check, commit and a saved mapping (the wizard store’s reactive mapping)', async () => {
    const { useExcelStore } = await import('../../../renderer/src/stores/excel')
    const store = useExcelStore()
    await store.open(new File([new Uint8Array([1, 2, 3])], '居民.xlsx'))
    expect(lastArgs('excel.preview')).toMatchObject({ bytes: new Uint8Array([1, 2, 3]) })
    store.mapping[0] = 'name'
    await store.runCheck()
    await store.commit()
    await store.saveMapping('街道模板')
    expect(lastArgs('excel.check')).toMatchObject({ mapping: ['name'] })
    expect(lastArgs('excel.commit')).toMatchObject({ mapping: ['name'] })
    expect(lastArgs('excel.saveMapping')).toMatchObject({ mapping: ['name'], headers: ['姓名'] })
  })

  it('account with grids (the account form spreads its reactive model)', async () => {
    const { useAccountsStore } = await import('../../../renderer/src/stores/accounts')
    const form = reactive({ username: 'wang', displayName: '王网格', role: 'grid_worker' as const, gridIds: [1, 2], password: 'Abcdef#123' })
    await useAccountsStore().create({ ...form })
    await useAccountsStore().update({ id: 3, displayName: form.displayName, role: form.role, gridIds: form.gridIds })
    expect(lastArgs('accounts.create')).toMatchObject({ gridIds: [1, 2] })
    expect(lastArgs('accounts.update')).toMatchObject({ gridIds: [1, 2] })
  })

  it('volunteer with skills and availability', async () => {
    const { useVolunteersStore } = await import('../../../renderer/src/stores/volunteers')
    const { EMPTY_VOLUNTEER } = await import('../../../shared/schemas/volunteers')
    const form = reactive({ ...EMPTY_VOLUNTEER, name: '李老师', skills: ['teaching'] })
    await useVolunteersStore().save(null, { ...form } as never)
    expect(lastArgs('volunteers.create')).toMatchObject({ skills: ['teaching'] })
  })

  it('grid with workers', async () => {
    const { useGridsStore } = await import('../../../renderer/src/stores/grids')
    const form = reactive({ name: '东区网格', notes: '', workers: [{ name: '赵', phone: '13800001111' }] })
    await useGridsStore().create({ name: form.name, notes: form.notes, leader: null, workers: form.workers } as never)
    expect(lastArgs('grids.create')).toMatchObject({ workers: [{ name: '赵', phone: '13800001111' }] })
  })

  it('a ref holding an object, nested reactive arrays and bytes inside reactive state', async () => {
    const { call } = await import('../../../renderer/src/api')
    const mapping = ref<(string | null)[]>(['name', null])
    const state = reactive({ bytes: new Uint8Array([9]), nested: { list: [reactive({ a: [1] })] } })
    await call('excel.saveMapping', { target: 'residents', name: 'x', headers: ['a', 'b'], mapping: mapping.value, extra: state } as never)
    expect(lastArgs('excel.saveMapping')).toMatchObject({ mapping: ['name', null], extra: { bytes: new Uint8Array([9]), nested: { list: [{ a: [1] }] } } })
  })
})
