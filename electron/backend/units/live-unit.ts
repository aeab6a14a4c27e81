import type { Session } from '../context'
import type { Db } from '../kit/db'
import { notFound } from '../kit/errors'
import { assertVisible } from '../kit/scope'
import type { UnitRecord } from './units.repo'
import { getUnit } from './units.repo'

/** A unit asked for by id; outside the caller's grids (or deleted) it is answered as missing. */
export function liveUnit(db: Db, session: Session, id: number): UnitRecord {
  const unit = getUnit(db, id)
  if (!unit || unit.deletedAt) throw notFound('单位', id)
  assertVisible(session, unit.gridId, notFound('单位', id))
  return unit
}
