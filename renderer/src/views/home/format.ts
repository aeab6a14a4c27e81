import dayjs from 'dayjs'

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

export function formatTime(iso: string | null): string {
  return iso ? dayjs(iso).format('YYYY年M月D日 HH:mm:ss') : '尚未保存'
}
