import type { HouseholdCreate } from '../../../../shared/schemas/households'
import type { Tenure } from '../../../../shared/schemas/register'

/** Where a person being registered lives: a household picked, one typed here, or none yet. */
export interface HouseholdChoice {
  mode: 'existing' | 'new' | 'none'
  householdId: number | null
  compound: string
  building: string
  unit: string
  room: string
  tenure: Tenure
}

export function emptyChoice(): HouseholdChoice {
  return { mode: 'existing', householdId: null, compound: '', building: '', unit: '', room: '', tenure: 'owned' }
}

/** The household arguments of residents.create for the choice; a new household is made with the person. */
export function choiceArgs(choice: HouseholdChoice): { householdId: number | null; newHousehold?: HouseholdCreate } {
  if (choice.mode === 'existing') return { householdId: choice.householdId }
  if (choice.mode === 'none') return { householdId: null }
  const { compound, building, unit, room, tenure } = choice
  return { householdId: null, newHousehold: { address: { compound, building, unit, room }, tenure, notes: '' } }
}

/** Whether the person will belong to a household (then 与户主关系 is asked). */
export function choosesHousehold(choice: HouseholdChoice): boolean {
  return choice.mode === 'new' || (choice.mode === 'existing' && choice.householdId !== null)
}
