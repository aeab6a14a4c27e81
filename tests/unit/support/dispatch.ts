import { createSessionResolver } from '../../../electron/backend/auth/auth.service'
import type { AllHandlers } from '../../../electron/backend/context'
import { createDispatch } from '../../../electron/backend/dispatch'
import { handlers } from '../../../electron/backend/handlers'
import type { TestBackend } from './backend'

/**
 * The backend's real dispatch over its own store, sessions and guards, with some handlers
 * replaced: for tests of what dispatch does around a handler (queues, audit rows, failures).
 */
export function dispatchWithHandlers(backend: TestBackend, override: Partial<AllHandlers>) {
  const logged: unknown[] = []
  const { dispatch } = createDispatch({
    store: backend.store,
    handlers: { ...handlers, ...override },
    now: backend.clock.now,
    appVersion: 't',
    emit: () => {},
    sessions: backend.sessions,
    security: backend.security,
    guard: backend.guard,
    resolveSession: createSessionResolver(backend.store, backend.sessions, backend.clock.now),
    logError: (error) => logged.push(error)
  })
  return { dispatch, logged }
}
