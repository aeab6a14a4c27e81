// `npx tsx scripts/make-templates.ts`: writes the built-in report templates to resources/templates,
// from the same definitions the backend falls back to, so the shipped files are reproducible.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BUILTIN_TEMPLATES, buildTemplate } from '../electron/backend/excel/builtin-templates'

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'templates')
fs.mkdirSync(dir, { recursive: true })
for (const t of BUILTIN_TEMPLATES) {
  const file = path.join(dir, t.fileName)
  fs.writeFileSync(file, await buildTemplate(t))
  console.log(`wrote ${path.relative(process.cwd(), file)}`)
}
