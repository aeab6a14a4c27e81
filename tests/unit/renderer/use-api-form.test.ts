import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'

// The api module reads window.shouwang when loaded; the composable only needs ApiError and messageOf.
vi.mock('../../../renderer/src/api', () => {
  class ApiError extends Error {
    readonly code: string
    readonly details: { issues?: { path: string; message: string }[] } | undefined
    constructor(body: { code: string; message: string; details?: { issues?: { path: string; message: string }[] } }) {
      super(body.message)
      this.code = body.code
      this.details = body.details
    }
  }
  return { ApiError, messageOf: (e: unknown) => (e instanceof ApiError ? e.message : '操作没有完成，请重试。') }
})
const toasts: string[] = []
vi.mock('element-plus', () => ({ ElMessage: { error: (m: string) => toasts.push(m) } }))

const { ApiError } = await import('../../../renderer/src/api')
const { useApiForm } = await import('../../../renderer/src/forms/use-api-form')
const { badArgsBody } = await import('../../../shared/errors')

const fail = (body: ConstructorParameters<typeof ApiError>[0]) => () => Promise.reject(new ApiError(body))

beforeEach(() => {
  toasts.length = 0
})

describe('useApiForm', () => {
  it('puts each BAD_ARGS issue under its field by path, nested paths included, without the message prefix', async () => {
    const body = badArgsBody([
      { path: 'workers.1.phone', message: '手机号应为11位' },
      { path: 'name', message: '请填写网格名称' }
    ])
    expect(body.message).toBe('填写的内容有误（workers.1.phone）：手机号应为11位')
    const form = useApiForm(fail(body))
    expect(await form.submit()).toBe(false)
    expect({ ...form.errors }).toEqual({ 'workers.1.phone': '手机号应为11位', name: '请填写网格名称' })
    expect(form.fieldError('name')).toBe('请填写网格名称')
    expect(form.fieldError('notes')).toBe('')
    expect(toasts).toEqual([])
    expect(form.busy.value).toBe(false)
  })

  it('a refusal other than BAD_ARGS is told in full under the field its first issue names', async () => {
    const form = useApiForm(
      fail({
        code: 'RULE_VIOLATION',
        message: '库存不足：现有可用 800 个，本次需要 900 个。',
        details: { issues: [{ path: 'quantity', message: '最多 800 个' }] }
      })
    )
    await form.submit()
    expect(form.errors.quantity).toBe('库存不足：现有可用 800 个，本次需要 900 个。')
    expect(toasts).toEqual([])
  })

  it('shows a message when no field of the form shows the first issue', async () => {
    const form = useApiForm(fail(badArgsBody([{ path: 'companions.0.name', message: '请填写同行人姓名' }])), { field: (p) => (p === 'residentId' ? p : null) })
    await form.submit()
    expect({ ...form.errors }).toEqual({})
    expect(toasts).toEqual(['填写的内容有误（companions.0.name）：请填写同行人姓名'])
  })

  it('a failure without issues is a message; onFailure may answer it instead', async () => {
    const plain = useApiForm(fail({ code: 'FORBIDDEN', message: '没有权限' }))
    await plain.submit()
    expect(toasts).toEqual(['没有权限'])
    const handled = vi.fn(() => true)
    const own = useApiForm(fail({ code: 'CONFLICT', message: '已登记' }), { onFailure: handled })
    await own.submit()
    expect(handled).toHaveBeenCalledOnce()
    expect(toasts).toEqual(['没有权限'])
  })

  it('clears the last errors, is busy while saving and never saves twice at once', async () => {
    let release: () => void = () => undefined
    const save = vi.fn(() => new Promise<void>((resolve) => (release = resolve)))
    const form = useApiForm(save)
    form.setError('name', 'old')
    const first = form.submit()
    expect(form.errors.name).toBeUndefined()
    expect(form.busy.value).toBe(true)
    expect(await form.submit()).toBe(false)
    release()
    expect(await first).toBe(true)
    expect(save).toHaveBeenCalledOnce()
    expect(form.busy.value).toBe(false)
  })

  it('does not save when the form rules fail', async () => {
    const save = vi.fn(() => Promise.resolve())
    const formRef = ref({ validate: () => Promise.reject(new Error('invalid')), clearValidate: () => undefined })
    const form = useApiForm(save, { form: formRef as unknown as NonNullable<Parameters<typeof useApiForm>[1]>['form'] })
    expect(await form.submit()).toBe(false)
    expect(save).not.toHaveBeenCalled()
  })

  it('Enter never submits; Ctrl+Enter does', async () => {
    const save = vi.fn(() => Promise.resolve())
    const { keys } = useApiForm(save)
    const event = (init: Partial<KeyboardEvent>) =>
      ({ key: 'Enter', ctrlKey: false, metaKey: false, isComposing: false, preventDefault: vi.fn(), ...init }) as unknown as KeyboardEvent
    const submitEvent = { preventDefault: vi.fn() } as unknown as Event
    keys.onSubmit(submitEvent)
    expect(submitEvent.preventDefault).toHaveBeenCalled()
    keys.onKeydown(event({}))
    keys.onKeydown(event({ ctrlKey: true, isComposing: true }))
    expect(save).not.toHaveBeenCalled()
    keys.onKeydown(event({ ctrlKey: true }))
    await Promise.resolve()
    expect(save).toHaveBeenCalledOnce()
  })
})
