import { ElMessage } from 'element-plus'
import type { FormInstance } from 'element-plus'
import { reactive, ref } from 'vue'
import type { Ref } from 'vue'
import { ApiError, messageOf } from '../api'

export interface ApiFormOptions {
  /** The el-form, validated (its blur rules) before saving. Forms without rules leave it out. */
  form?: Ref<FormInstance | undefined>
  /**
   * Which error key shows a backend issue, by the issue's path ('phones.1', 'address.room'):
   * a string, or null when the form has no field for it (the message is then shown as a toast).
   * Default: the path itself, for forms whose error keys are the argument paths.
   */
  field?: (path: string) => string | null
  /**
   * A failure the form answers itself (e.g. a duplicate person: offer to open them), after the
   * field errors are set. Return true when handled, so no toast follows.
   */
  onFailure?: (error: ApiError) => boolean | Promise<boolean>
}

/** What the form binds on its el-form: Enter never submits, Ctrl+Enter (or ⌘+Enter) does. */
export interface FormKeys {
  onSubmit: (event: Event) => void
  onKeydown: (event: KeyboardEvent) => void
}

/**
 * One way for a form to save through the api: busy state, field errors by path, and the rest as
 * a message. Backend issues (BAD_ARGS, and RULE_VIOLATION, CONFLICT or NOT_FOUND that name a
 * field) are read from details.issues by path, never parsed out of the message. A half-filled form is never sent by a stray Enter: Element
 * Plus's el-form is a native <form>, where Enter in a text box submits; only the save button and
 * Ctrl+Enter do.
 *
 *   const { errors, busy, submit, keys } = useApiForm(save, { form: formRef })
 *   <el-form v-bind="keys"> <el-form-item :error="errors.name"> ... <el-button :loading="busy" @click="submit">
 */
export function useApiForm(save: () => Promise<unknown>, options: ApiFormOptions = {}) {
  const errors = reactive<Record<string, string>>({})
  const busy = ref(false)
  const fieldOf = options.field ?? ((path: string) => path)

  function clearErrors(): void {
    for (const key of Object.keys(errors)) delete errors[key]
  }

  /** The error shown under a field ('' when none): the template's :error binding. */
  function fieldError(key: string): string {
    return errors[key] ?? ''
  }

  function setError(key: string, message: string): void {
    errors[key] = message
  }

  /**
   * Issues the form has a field for go under it (the first per field). A BAD_ARGS message is only
   * its first issue with a prefix, so each field shows its issue's own words; any other refusal
   * (库存不足, a name taken, a wrong current password) is told in full by the message, shown under
   * the field its first issue names. True when the message's point reached a field.
   */
  function showIssues(error: ApiError): boolean {
    const issues = error.details?.issues ?? []
    let shown = false
    issues.forEach((issue, index) => {
      const key = fieldOf(issue.path)
      if (key === null) return
      const first = index === 0
      errors[key] ??= first && error.code !== 'BAD_ARGS' ? error.message : issue.message
      if (first) shown = true
    })
    return shown
  }

  /** Validates, saves, and sorts a failure into field errors or a message. Resolves true when saved. */
  async function submit(): Promise<boolean> {
    if (busy.value) return false
    clearErrors()
    if (options.form && !(await options.form.value?.validate().catch(() => false))) return false
    busy.value = true
    try {
      await save()
      return true
    } catch (error) {
      const shown = error instanceof ApiError && showIssues(error)
      const handled = error instanceof ApiError && options.onFailure ? await options.onFailure(error) : false
      if (!shown && !handled) ElMessage.error(messageOf(error))
      return false
    } finally {
      busy.value = false
    }
  }

  /** Clears what the last attempt showed: call when the form is filled again. */
  function reset(): void {
    clearErrors()
    options.form?.value?.clearValidate()
  }

  const keys: FormKeys = {
    onSubmit: (event) => event.preventDefault(),
    onKeydown: (event) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.isComposing) return
      event.preventDefault()
      void submit()
    }
  }

  return { errors, busy, submit, fieldError, setError, clearErrors, reset, keys }
}
