import { TENURE_LABELS } from '../../../shared/schemas/register'
import type { ListSource } from '../kit/export-source'
import { scopeSql } from '../kit/scope'
import { classifySearch } from '../residents/residents.search'
import { digitReach } from '../security/digit-search-guard'
import { findHouseholdPage } from './households.repo'

const PAGE = 2000

/** 住户名单: the households list as filtered on the page, the caller's grids. */
export const householdsExport: ListSource = {
  key: 'households',
  title: '住户名单',
  searchesRegister: true,
  columns: [
    { key: 'address', label: '地址', kind: 'text', width: 30 },
    { key: 'compound', label: '小区', kind: 'text', width: 14 },
    { key: 'building', label: '楼栋', kind: 'text', width: 8 },
    { key: 'unit', label: '单元', kind: 'text', width: 8 },
    { key: 'room', label: '房号', kind: 'text', width: 8 },
    { key: 'grid', label: '网格', kind: 'text', width: 10 },
    { key: 'householder', label: '户主', kind: 'text', width: 10 },
    { key: 'memberCount', label: '人数', kind: 'number', width: 6 },
    { key: 'tenure', label: '住房情况', kind: 'text', width: 10 }
  ],
  *rows(db, session, filter) {
    const f = {
      hits: classifySearch(filter.q, digitReach(session)),
      gridId: filter.gridId,
      compound: filter.compound || undefined,
      building: filter.building || undefined,
      scope: scopeSql('h.grid_id', session.gridScope)
    }
    for (let offset = 0; ; offset += PAGE) {
      const { records } = findHouseholdPage(db, f, PAGE, offset)
      for (const h of records) {
        yield {
          address: h.address,
          compound: h.compound,
          building: h.building,
          unit: h.unit,
          room: h.room,
          grid: h.gridName ?? '',
          householder: h.householderName ?? '',
          memberCount: h.memberCount,
          tenure: TENURE_LABELS[h.tenure]
        }
      }
      if (records.length < PAGE) return
    }
  }
}
