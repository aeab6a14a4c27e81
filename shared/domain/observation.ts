/**
 * Home observation (居家观察): when a daily check is abnormal and when a person is flagged (shown
 * in red) for it. The entry grid, the backend, the lists and every export ask these, so a person
 * is red in the app exactly when the report marks them 是否异常 = 是.
 */
import { isFever } from './temperature'

export type CheckVerdictOutcome = 'normal' | 'abnormal' | 'unreachable'

/**
 * The verdict of a check: 未联系上 stays so; a temperature at or above the threshold, or any
 * symptom, makes it abnormal whatever was chosen; otherwise what the clerk chose.
 */
export function checkVerdict(
  check: { morning: number | null; evening: number | null; symptoms: readonly string[]; outcome: CheckVerdictOutcome },
  threshold: number
): { outcome: CheckVerdictOutcome; abnormal: boolean; fever: boolean } {
  const fever = [check.morning, check.evening].some((t) => t !== null && isFever(t, threshold))
  if (check.outcome === 'unreachable' && check.morning === null && check.evening === null) return { outcome: 'unreachable', abnormal: false, fever: false }
  const abnormal = fever || check.symptoms.length > 0 || check.outcome === 'abnormal'
  return { outcome: abnormal ? 'abnormal' : 'normal', abnormal, fever }
}

/**
 * A person is flagged while their episode is open and its latest check that reached them was
 * abnormal. The stored flag outlives the episode (it is history), so a released, hospital or lost
 * episode is never red. `abnormal` is the database's 0/1 or a boolean.
 */
export function isFlagged(episode: { abnormal: number | boolean | null; status: string | null }): boolean {
  return (episode.abnormal === 1 || episode.abnormal === true) && episode.status === 'observing'
}
