import { AppError } from '../../../shared/errors'
import type { Db } from '../kit/db'
import { getVolunteerRow, listVolunteerRows } from './volunteers.repo'
import type { VolunteerRecord } from './volunteers.repo'

/** The volunteers domain's face to others (the roster): a volunteer on the roll. */
export function requireVolunteer(db: Db, id: number): VolunteerRecord {
  const row = getVolunteerRow(db, id)
  if (!row) throw new AppError('NOT_FOUND', '找不到这位志愿者。', { id })
  return row
}

/** Volunteers who may take work now (在岗): the help desk's suggestions start from these. */
export function activeVolunteers(db: Db): VolunteerRecord[] {
  return listVolunteerRows(db, { status: 'active' })
}
