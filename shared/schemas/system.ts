import { z } from './zod'

export const emptyArgs = z.strictObject({})
export type EmptyArgs = z.infer<typeof emptyArgs>

export const systemPingArgs = emptyArgs
export const systemInfoArgs = emptyArgs
