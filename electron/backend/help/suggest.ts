import type { HelpSuggestion } from '../../../shared/contract'
import { buildingKey } from '../../../shared/domain/address'
import { HELP_TYPE_SKILLS, availableAt } from '../../../shared/domain/help'
import { maskPhone } from '../../../shared/domain/mask'
import type { Db } from '../kit/db'
import { activeVolunteers } from '../volunteers/volunteers.service'
import type { HelpRecord } from './help.repo'
import { openLoads } from './help.repo'

/**
 * Volunteers 在岗 for a request, best first: a skill the need calls for, then the same building,
 * the same grid, free now by their weekly availability, and the fewest open requests. Each says why,
 * so the clerk can judge; paused and departed volunteers are not offered (and refused on assign).
 */
export function suggestVolunteers(db: Db, request: HelpRecord, now: Date): HelpSuggestion[] {
  const wanted = HELP_TYPE_SKILLS[request.type]
  const loads = openLoads(db)
  const building = request.buildingName === null ? null : buildingKey(request.buildingName)
  const scored = activeVolunteers(db).map((v) => {
    const skills = JSON.parse(v.skills) as string[]
    const matchedSkills = skills.filter((s) => wanted.some((w) => s.includes(w) || w.includes(s)))
    const sameBuilding = building !== null && v.building !== '' && buildingKey(v.building) === building
    const sameGrid = request.gridId !== null && v.gridId === request.gridId
    const availableNow = availableAt(v.availability, now)
    const openLoad = loads.get(v.id) ?? 0
    const score = (matchedSkills.length > 0 ? 8 : 0) + (sameBuilding ? 4 : 0) + (sameGrid ? 2 : 0) + (availableNow ? 2 : 0) - Math.min(openLoad, 5)
    const suggestion: HelpSuggestion = {
      volunteerId: v.id,
      name: v.name,
      phone: maskPhone(v.phone),
      kind: v.kind,
      skills,
      matchedSkills,
      building: v.building,
      gridName: v.gridName,
      sameBuilding,
      sameGrid,
      availableNow,
      openLoad
    }
    return { suggestion, score }
  })
  return scored
    .sort((a, b) => b.score - a.score || a.suggestion.openLoad - b.suggestion.openLoad || a.suggestion.volunteerId - b.suggestion.volunteerId)
    .map((s) => s.suggestion)
}
