import type { Ref } from 'vue'
import { ref, watch } from 'vue'
import type { ReportTrend } from '../../../shared/domain/report-trend'
import { call, messageOf } from '../api'

/** report.trend for the days ending on `day` (today when empty), reloaded when the day or the span changes. */
export function useTrend(day: Ref<string | undefined>, initialDays: 14 | 30 = 14) {
  const days = ref<14 | 30>(initialDays)
  const trend = ref<ReportTrend | null>(null)
  const loading = ref(false)
  const error = ref('')

  async function load(): Promise<void> {
    loading.value = true
    error.value = ''
    try {
      trend.value = await call('report.trend', { days: days.value, ...(day.value ? { day: day.value } : {}) })
    } catch (e) {
      error.value = messageOf(e)
    } finally {
      loading.value = false
    }
  }

  watch([day, days], load, { immediate: true })
  return { days, trend, loading, error, load }
}
