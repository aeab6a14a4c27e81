import type { Method } from '../../../shared/contract'
import { useAuthStore } from '../stores/auth'
import { mayCall } from './may-call'

/**
 * A button shows only if pressing it can work, so a clerk is never offered what the backend
 * would refuse. Usage: `const can = useCan()` then `v-if="can('grids.create')"`.
 */
export function useCan(): (method: Method) => boolean {
  const auth = useAuthStore()
  return (method) => mayCall(auth.session, method)
}
