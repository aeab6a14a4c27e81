/**
 * What a returnee reports of their own health on arrival (a questionnaire's 目前身体状况, 是否发热,
 * 体温, 症状 columns), read into a daily check. A report that is not plainly healthy counts as
 * abnormal: a fever must never enter the records as a healthy returnee.
 */
import { normalizeText } from './normalize'
import type { Symptom } from './observation'
import { SYMPTOM_LABELS } from './observation'
import { isFever } from './temperature'

const SYMPTOM_WORDS: [RegExp, Symptom][] = [
  [/发热|发烧|高烧|低烧|高热|低热|体温高/, 'fever'],
  [/乏力|无力|疲劳|疲乏|疲倦/, 'fatigue'],
  [/干咳|咳嗽|咳/, 'dry_cough'],
  [/咽痛|咽喉痛|嗓子痛|喉咙痛|咽干|嗓子疼|喉咙疼/, 'sore_throat'],
  [/鼻塞/, 'stuffy_nose'],
  [/流涕|流鼻涕/, 'runny_nose'],
  [/腹泻|拉肚子/, 'diarrhea'],
  [/呼吸困难|气促|气短|胸闷/, 'dyspnea'],
  [/嗅觉|味觉/, 'smell_taste']
]
/** "无发热", "没有咳嗽", "未发热", "不发烧": the symptom named only to be denied. */
const DENIED = /(?:无|没有|没|未|不|否认)(?:任何)?(?:发热|发烧|高烧|低烧|乏力|咳嗽|干咳|咳|咽痛|鼻塞|流涕|流鼻涕|腹泻|呼吸困难|胸闷|症状|异常|不适)/g
const HEALTHY = /^(?:正常|健康|良好|无|否|没有|无异常|无症状|均无|身体健康|身体正常|一切正常|体温正常|良|好|n|no|×)$/i
/** "是", "有": the answer to 是否发热 / 是否有症状 — something is wrong, though not what. */
const YES = /^(?:是|有|y|yes|√)$/i

export interface HealthReport {
  /** Degrees, when a readable temperature was given. */
  temperature: number | null
  symptoms: Symptom[]
  abnormal: boolean
  /** What the returnee wrote, kept with the check: '自报：发热；体温 37.8' */
  note: string
  /** Parts of the report that could not be read (shown as a warning, the rest still counts). */
  unread: string[]
}

function temperatureOf(text: string): number | null {
  const match = /(\d{2}(?:\.\d)?)\s*(?:℃|度|°C)?/.exec(text)
  const value = match ? Number(match[1]) : NaN
  return value >= 34 && value <= 43 ? value : null
}

/** Null when nothing was reported. */
export function readHealthReport(parts: { health: string; symptoms: string; temperature: string }, threshold: number): HealthReport | null {
  const health = normalizeText(parts.health).replace(/\s+/g, '')
  const symptomText = normalizeText(parts.symptoms).replace(/\s+/g, '')
  const temperatureText = normalizeText(parts.temperature).replace(/\s+/g, '')
  if (health === '' && symptomText === '' && temperatureText === '') return null
  const unread: string[] = []
  const symptoms = new Set<Symptom>()
  let abnormal = false
  for (const text of [health, symptomText]) {
    if (text === '' || HEALTHY.test(text)) continue
    if (YES.test(text)) {
      abnormal = true
      continue
    }
    const asserted = text.replace(DENIED, '')
    let named = false
    for (const [re, code] of SYMPTOM_WORDS) {
      if (re.test(asserted)) {
        symptoms.add(code)
        named = true
      }
    }
    const temperature = temperatureOf(asserted)
    if (temperature !== null && isFever(temperature, threshold)) symptoms.add('fever')
    // Anything else that is not a plain "healthy" (头疼, 不舒服 ...) is abnormal until a person checks.
    if (!named && temperature === null && asserted.replace(/[,，、;；。.]/g, '') !== '') {
      abnormal = true
      unread.push(text)
    }
  }
  const temperature = temperatureText === '' ? null : temperatureOf(temperatureText)
  if (temperatureText !== '' && temperature === null) unread.push(`体温“${temperatureText}”`)
  if (temperature !== null && isFever(temperature, threshold)) symptoms.add('fever')
  const said = [health, symptomText].filter((t) => t !== '').join('；')
  const note = `自报：${[said, temperature === null ? '' : `体温 ${temperature}`].filter((t) => t !== '').join('；')}`
  return { temperature, symptoms: [...symptoms], abnormal: abnormal || symptoms.size > 0, note: note.slice(0, 200), unread }
}

/** '发热、干咳' for the check step's messages. */
export const symptomText = (symptoms: readonly Symptom[]): string => symptoms.map((s) => SYMPTOM_LABELS[s]).join('、')
