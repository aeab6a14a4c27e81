import type { ErrorBody } from '../../../shared/errors'

/** What the clerk may choose when the data folder cannot be opened as it is. */
export interface OpenOptions {
  /** Skip a damaged stretch of the journal, keeping every later intact record (and the original file). */
  salvageJournal?: boolean
  /** Set up an empty database where the marker says one lived (the clerk confirmed twice). */
  startFresh?: boolean
}

/** A choice offered after a refused open: the question, the button, and the option it sets. */
export interface OpenChoice {
  message: string
  /** The button that goes on; the other button is always 退出 (the default). */
  confirm: string
  /** Asked once more before going on, for choices that cannot be taken back. */
  confirmAgain: string | null
  option: OpenOptions
  /** Browser mode has no dialog: the flag that makes the same choice. */
  flag: string
}

/**
 * The refusals a clerk can resolve from the start dialog. Everything else (a newer schema, a
 * locked folder) ends in the plain error, because there is nothing safe to offer.
 */
export function openChoiceFor(error: unknown): OpenChoice | null {
  // By its code, not its class: the error may come from another copy of the module (a worker's message).
  const code = error !== null && typeof error === 'object' && 'code' in error ? (error as Pick<ErrorBody, 'code'>).code : null
  if (code === 'STORE_JOURNAL_DAMAGED') {
    return {
      message: '操作日志已损坏。可以先退出，从最近的备份恢复；或者跳过损坏的记录打开：其后完好的记录全部保留，原文件另存一份，并记入操作日志。',
      confirm: '跳过损坏的记录并打开',
      confirmAgain: null,
      option: { salvageJournal: true },
      flag: '--salvage-journal'
    }
  }
  if (code === 'STORE_MISSING') {
    return {
      message: '原来的数据找不到了。若数据文件夹被移走或在别的磁盘上，请退出并先找回它，或从备份恢复。只有确认不要原来的数据时，才新建空数据。',
      confirm: '新建空数据',
      confirmAgain: '确定不要原来的数据、新建空数据吗？新建后需要重新进行首次设置。',
      option: { startFresh: true },
      flag: '--start-fresh'
    }
  }
  return null
}

/** Where the data folder's marker lives: beside the folder, so removing the folder leaves it. */
export function dataMarkerFile(dataDir: string, join: (...parts: string[]) => string, dirname: (p: string) => string, basename: (p: string) => string): string {
  return join(dirname(dataDir), `.${basename(dataDir)}.shouwang`)
}
