import type { NoticeChannel } from '../../../shared/schemas/notices'
import type { Db } from '../kit/db'
import type { Row, Tx } from '../store/store'

export interface PostRecord {
  id: number
  noticeId: number
  channel: NoticeChannel
  groupName: string
  members: number | null
  place: string
  count: number | null
  poster: string
  postedAt: string
  note: string
  createdBy: string
}

const SELECT = `SELECT id, notice_id AS noticeId, channel, group_name AS groupName, members, place, count, poster, posted_at AS postedAt,
    note, created_by AS createdBy FROM notice_posts`

export function postsOf(db: Db, noticeIds: number[]): PostRecord[] {
  if (noticeIds.length === 0) return []
  return db.all<PostRecord & Row>(`${SELECT} WHERE notice_id IN (${noticeIds.map(() => '?').join(', ')}) ORDER BY notice_id, posted_at, id`, noticeIds)
}

export function getPost(db: Db, id: number): PostRecord | undefined {
  return db.get<PostRecord & Row>(`${SELECT} WHERE id = ?`, [id])
}

export function postCounts(db: Db, noticeIds: number[]): Map<number, number> {
  if (noticeIds.length === 0) return new Map()
  const rows = db.all<{ noticeId: number; n: number } & Row>(
    `SELECT notice_id AS noticeId, COUNT(*) AS n FROM notice_posts WHERE notice_id IN (${noticeIds.map(() => '?').join(', ')}) GROUP BY notice_id`,
    noticeIds
  )
  return new Map(rows.map((r) => [r.noticeId, Number(r.n)]))
}

export type PostWrite = Omit<PostRecord, 'id' | 'createdBy'>

export function insertPost(tx: Tx, w: PostWrite, by: string, at: string): number {
  return tx.run(
    `INSERT INTO notice_posts (notice_id, channel, group_name, members, place, count, poster, posted_at, note, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [w.noticeId, w.channel, w.groupName, w.members, w.place, w.count, w.poster, w.postedAt, w.note, at, by]
  ).lastInsertRowid
}

export function deletePost(tx: Tx, id: number): void {
  tx.run('DELETE FROM notice_posts WHERE id = ?', [id])
}

/** The daily report's figures of one local day (see NOTICE_REPORT_DEFINITIONS). */
export function dayFigures(db: Db, day: string): { published: number; reachedToday: number; targeted: number; reached: number } {
  const published = db.get<{ n: number } & Row>('SELECT COUNT(*) AS n FROM notices WHERE publish_date = ?', [day])
  const reachedToday = db.get<{ n: number } & Row>("SELECT COUNT(*) AS n FROM notice_households WHERE marked_day = ? AND outcome = 'reached'", [day])
  const running = db.get<{ targeted: number; reached: number } & Row>(
    `SELECT COUNT(*) AS targeted, COALESCE(SUM(nh.outcome = 'reached' AND nh.marked_day <= ?), 0) AS reached
       FROM notices n JOIN notice_households nh ON nh.notice_id = n.id
      WHERE n.door = 1 AND n.publish_date <= ? AND (n.valid_until IS NULL OR n.valid_until >= ?)`,
    [day, day, day]
  )
  return {
    published: Number(published?.n ?? 0),
    reachedToday: Number(reachedToday?.n ?? 0),
    targeted: Number(running?.targeted ?? 0),
    reached: Number(running?.reached ?? 0)
  }
}
