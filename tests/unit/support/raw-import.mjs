// Lets a plain Node process (node --import tsx --import this) load the backend, which imports its
// SQL migrations as Vite's `?raw` strings: a child process of a test needs no Vite to start.
import { register } from 'node:module'

const hooks = `
import { readFile } from 'node:fs/promises'
export async function load(url, context, next) {
  if (!url.endsWith('?raw')) return next(url, context)
  const text = await readFile(new URL(url.slice(0, -'?raw'.length)), 'utf8')
  return { format: 'module', source: 'export default ' + JSON.stringify(text), shortCircuit: true }
}
`
register(`data:text/javascript,${encodeURIComponent(hooks)}`)
