import { ElMessageBox } from 'element-plus'
import type { ApiError } from '../api'

/** The backend refused a save because the record changed since the form opened it (kit/stale.ts). */
export function isStaleWrite(error: ApiError): boolean {
  return error.code === 'CONFLICT' && error.details?.stale === true
}

/**
 * Someone else (another PC, a gate tablet) saved this record since the form opened: the clerk
 * chooses 重新载入 (true: the page loads their version into the form) or keeps what they typed.
 */
export async function offerReload(error: ApiError): Promise<boolean> {
  return ElMessageBox.confirm(`${error.message}\n重新载入会放弃您在本表中尚未保存的修改。`, '信息已被别人修改', {
    confirmButtonText: '重新载入',
    cancelButtonText: '先不载入',
    type: 'warning'
  })
    .then(() => true)
    .catch(() => false)
}
