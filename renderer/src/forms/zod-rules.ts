import type { FormItemRule } from 'element-plus'
import type { z } from 'zod'

/**
 * Element Plus form rules from the same zod field schemas the backend validates with,
 * so a form and the bridge never disagree about what is valid.
 */
export function rulesFromShape(shape: Record<string, z.ZodType>): Record<string, FormItemRule[]> {
  const rules: Record<string, FormItemRule[]> = {}
  for (const [field, schema] of Object.entries(shape)) {
    rules[field] = [
      {
        trigger: 'blur',
        validator: (_rule, value: unknown, callback: (error?: Error) => void) => {
          const result = schema.safeParse(value)
          callback(result.success ? undefined : new Error(result.error.issues[0]?.message ?? '填写有误'))
        }
      }
    ]
  }
  return rules
}

/** A blur rule from a check that returns the problem in Chinese, or null (a password and its confirmation). */
export function blurCheck(test: () => string | null): FormItemRule[] {
  return [{ trigger: 'blur', validator: (_rule, _value, done: (error?: Error) => void) => done(test() ? new Error(test() ?? '') : undefined) }]
}
