import { parsePhone } from '../domain/phone'
import { z } from './zod'
import { addressSchema } from './register'
import { noteText, optionalText, recordId, requiredText } from './common'

/** A grid leader or worker: a name and phone, optionally a person from the register. */
export const staffSchema = z
  .strictObject({
    name: requiredText('姓名', 40),
    phone: optionalText('电话', 30),
    residentId: recordId('居民').nullable().optional()
  })
  .superRefine((value, ctx) => {
    if (value.phone === '') return
    const parsed = parsePhone(value.phone)
    if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['phone'], message: parsed.message })
  })
export type StaffInput = z.infer<typeof staffSchema>

export const gridShape = {
  name: requiredText('网格名称', 40),
  notes: noteText('备注', 500),
  leader: staffSchema.nullable(),
  workers: z.array(staffSchema).max(20, '网格员最多 20 人')
}

export const gridsListArgs = z.strictObject({ includeRetired: z.boolean().optional() })
export const gridsGetArgs = z.strictObject({ id: recordId('网格') })
export const gridsCreateArgs = z.strictObject(gridShape)
export const gridsUpdateArgs = z.strictObject({ id: recordId('网格'), ...gridShape })
export const gridsRetireArgs = z.strictObject({ id: recordId('网格') })
export const gridsAssignArgs = z.strictObject({
  /** null takes the buildings out of any grid. */
  gridId: recordId('网格').nullable(),
  buildings: z
    .array(addressSchema.pick({ compound: true, building: true }))
    .min(1, '请至少选择一栋楼')
    .max(500, '一次最多 500 栋')
})

export type GridsListArgs = z.infer<typeof gridsListArgs>
export type GridIdArgs = z.infer<typeof gridsGetArgs>
export type GridCreate = z.infer<typeof gridsCreateArgs>
export type GridUpdate = z.infer<typeof gridsUpdateArgs>
export type GridsAssign = z.infer<typeof gridsAssignArgs>

export const gridsBuildingsArgs = z.strictObject({})
/** 合并楼栋: the households of `fromId` move into `intoId`, which keeps its name and grid. */
export const gridsMergeBuildingsArgs = z
  .strictObject({ fromId: recordId('要并入的楼栋'), intoId: recordId('保留的楼栋') })
  .refine((value) => value.fromId !== value.intoId, { message: '请选择两栋不同的楼', path: ['intoId'] })
export const gridsUnassignedArgs = z.strictObject({})

export type GridsBuildingsArgs = z.infer<typeof gridsBuildingsArgs>
export type GridsMergeBuildings = z.infer<typeof gridsMergeBuildingsArgs>
export type GridsUnassignedArgs = z.infer<typeof gridsUnassignedArgs>
