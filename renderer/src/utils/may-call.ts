import type { Method, SessionView } from '../../../shared/contract'
import { methods } from '../../../shared/contract'
import { isGridScoped } from '../../../shared/domain/roles'

/**
 * Whether a session may call a method, from what the contract declares for it: its permission,
 * and whether it needs the whole community (refused to grid workers). The same declaration
 * dispatch enforces, so the renderer never holds a list of roles of its own.
 */
export function mayCall(session: Pick<SessionView, 'permissions' | 'role'> | null, method: Method): boolean {
  if (!session) return false
  const spec = methods[method]
  if (spec.permission !== 'public' && !session.permissions.includes(spec.permission)) return false
  return !spec.wholeCommunity || !isGridScoped(session.role)
}
