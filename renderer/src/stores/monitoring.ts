import dayjs from 'dayjs'
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { CheckView, DailySheet, EpisodeDetail, MethodArgs, MonitoringToday, WorkerOption, WorklistPage } from '../../../shared/contract'
import { DEFAULT_FEVER_THRESHOLD } from '../../../shared/domain/temperature'
import type { Worklist } from '../../../shared/schemas/monitoring'
import { call } from '../api'

export interface WorklistQuery {
  list: Worklist
  day: string
  worker: string
  page: number
  pageSize: number
}

const emptyPage = (): WorklistPage => ({ rows: [], total: 0, page: 1, pageSize: 50, day: '', threshold: DEFAULT_FEVER_THRESHOLD })

export const useMonitoringStore = defineStore('monitoring', () => {
  const query = reactive<WorklistQuery>({ list: 'due', day: dayjs().format('YYYY-MM-DD'), worker: '', page: 1, pageSize: 50 })
  const page = ref<WorklistPage>(emptyPage())
  const counts = ref<MonitoringToday | null>(null)
  const workers = ref<WorkerOption[]>([])
  const loading = ref(false)
  let latest = 0

  async function load(): Promise<void> {
    const mine = ++latest
    loading.value = true
    try {
      const args: MethodArgs<'monitoring.worklist'> = { list: query.list, day: query.day, page: query.page, pageSize: query.pageSize }
      if (query.worker) args.worker = query.worker
      const [list, today] = await Promise.all([call('monitoring.worklist', args), call('monitoring.today', { day: query.day })])
      if (mine !== latest) return
      page.value = list
      counts.value = today
    } finally {
      if (mine === latest) loading.value = false
    }
  }

  async function loadWorkers(): Promise<void> {
    workers.value = await call('monitoring.workers', {})
  }

  const check = (args: MethodArgs<'monitoring.check'>): Promise<CheckView> => call('monitoring.check', args)
  const episode = (id: number): Promise<EpisodeDetail> => call('monitoring.episode', { id })
  const setStatus = (args: MethodArgs<'monitoring.setStatus'>): Promise<EpisodeDetail> => call('monitoring.setStatus', args)
  const changeDuration = (args: MethodArgs<'monitoring.changeDuration'>): Promise<EpisodeDetail> => call('monitoring.changeDuration', args)
  const setWorker = (args: MethodArgs<'monitoring.setWorker'>): Promise<EpisodeDetail> => call('monitoring.setWorker', args)
  const start = (args: MethodArgs<'monitoring.start'>): Promise<EpisodeDetail> => call('monitoring.start', args)
  const releaseMany = (episodeIds: number[], reason = ''): Promise<{ released: number }> => call('monitoring.releaseMany', { episodeIds, reason })
  const today = (day?: string): Promise<MonitoringToday> => call('monitoring.today', day ? { day } : {})
  const sheet = (day: string, worker: string): Promise<DailySheet> => call('monitoring.sheet', worker ? { day, worker } : { day })

  return { query, page, counts, workers, loading, load, loadWorkers, check, episode, setStatus, changeDuration, setWorker, start, releaseMany, today, sheet }
})
