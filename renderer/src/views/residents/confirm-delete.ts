import { ElMessageBox } from 'element-plus'

/** Asks why a record is deleted; null when the clerk cancels. The reason is kept in the recycle bin. */
export async function askDeleteReason(what: string, extra = ''): Promise<string | null> {
  const answer = await ElMessageBox.prompt(`删除后可在“回收站”中恢复。${extra}请填写删除原因：`, `删除${what}`, {
    confirmButtonText: '删除',
    cancelButtonText: '取消',
    confirmButtonClass: 'el-button--danger',
    inputPlaceholder: '例如：已迁出本社区、重复登记',
    inputValidator: (value: string) => (value && value.trim() ? true : '请填写删除原因'),
    type: 'warning'
  }).catch(() => null)
  return answer ? answer.value.trim() : null
}
