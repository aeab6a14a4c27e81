import { z } from 'zod'
import zhCN from 'zod/v4/locales/zh-CN.js'

// One place configures zod for the whole app, so every validation message a clerk can
// see (backend envelopes and form hints alike) is Chinese. Only this locale is bundled.
z.config(zhCN())

export { z }
