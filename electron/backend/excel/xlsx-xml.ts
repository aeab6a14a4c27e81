/**
 * A small, fast scanner for the XML parts of an .xlsx (byte-level, on the parts the zip
 * check already inflated): entities, a pull tokenizer, shared strings, workbook.xml and
 * its rels. It began as a faithful copy of what exceljs 4.4.0's streaming reader (saxes
 * underneath) made of these parts; where that gave wrong values it now reads what Excel
 * shows (phonetic runs skipped, every rich-text run kept, entities decoded once).
 */

/** Bytes the scanners compare against, and Excel's last column (XFD). */
export const LT = 60 // <
export const GT = 62 // >
export const SLASH = 47
export const BANG = 33
export const QUESTION = 63
export const MAX_COLUMN = 16384

const NAMED = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"]
])

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13
}

/** Entity and character references, as saxes resolves them; anything else fails like saxes does. */
function decodeRefs(s: string): string {
  if (s.indexOf('&') < 0) return s
  return s.replace(/&([^;&]*)(;?)/g, (_all, ref: string, semi: string) => {
    if (!semi) throw new Error('unterminated entity')
    const named = NAMED.get(ref)
    if (named !== undefined) return named
    const code = /^#x[0-9a-f]+$/i.test(ref) ? parseInt(ref.slice(2), 16) : /^#\d+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN
    if (!(code >= 0 && code <= 0x10ffff)) throw new Error(`undefined entity &${ref};`)
    return String.fromCodePoint(code)
  })
}

/** Character data: line breaks normalised to \n (the XML rule saxes applies), then references. */
export function decodeText(raw: string): string {
  if (raw.indexOf('\r') >= 0) raw = raw.replace(/\r\n?/g, '\n')
  return decodeRefs(raw)
}

/** Attribute values: literal tabs and line breaks become spaces before references are resolved. */
export function decodeAttr(raw: string): string {
  if (raw.indexOf('&') < 0 && !/[\t\n\r]/.test(raw)) return raw
  return decodeRefs(raw.replace(/\r\n?|[\t\n]/g, ' '))
}

/** Does b hold the ASCII text s at i? */
export function bytesAre(b: Buffer, i: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) if (b[i + k] !== s.charCodeAt(k)) return false
  return true
}

/** parseInt(value, 10) of b[start, end) without a string for the plain-digits case. */
export function intAt(b: Buffer, start: number, end: number): number {
  let n = 0
  if (end <= start || end - start > 9) return parseInt(b.toString('latin1', start, end), 10)
  for (let i = start; i < end; i++) {
    const d = (b[i] ?? 0) - 48
    if (d < 0 || d > 9) return parseInt(b.toString('latin1', start, end), 10)
    n = n * 10 + d
  }
  return n
}

/** A value read from b[start, end): UTF-8 (Latin-1 when all ASCII), references resolved when present. */
export function textAt(b: Buffer, start: number, end: number): string {
  let seen = 0
  let special = false
  for (let i = start; i < end; i++) {
    const ch = b[i] ?? 0
    seen |= ch
    if (ch === 38 || ch === 13) special = true
  }
  const raw = b.toString(seen & 0x80 ? 'utf8' : 'latin1', start, end)
  return special ? decodeText(raw) : raw
}

/** Past a comment, CDATA section, processing instruction or DOCTYPE starting at b[i] === '<' (i itself if none). */
export function skipMarkup(b: Buffer, i: number): number {
  const c1 = b[i + 1]
  let close = '>'
  if (c1 === QUESTION) close = '?>'
  else if (bytesAre(b, i, '<!--')) close = '-->'
  else if (bytesAre(b, i, '<![CDATA[')) close = ']]>'
  else if (c1 !== BANG) return i
  const j = b.indexOf(close, i + 2, 'latin1')
  if (j < 0) throw new Error('unterminated markup')
  return j + close.length
}

/** End of a tag name starting at i. */
export function nameEnd(b: Buffer, i: number): number {
  for (const n = b.length; i < n; i++) {
    const ch = b[i] ?? 0
    if (isSpace(ch) || ch === GT || ch === SLASH) break
  }
  return i
}

/** Index of the '>' closing the tag whose attributes start at i (quoted values may hold '>'). */
export function tagEnd(b: Buffer, i: number): number {
  for (const n = b.length; i < n; i++) {
    const ch = b[i]
    if (ch === GT) return i
    if (ch === 34 || ch === 39) {
      const q = b.indexOf(ch, i + 1)
      if (q < 0) break
      i = q
    }
  }
  throw new Error('unterminated tag')
}

/** Attributes between start and the tag's '>' (at end), decoded. */
export function attributes(b: Buffer, start: number, end: number): Record<string, string> {
  const out: Record<string, string> = {}
  const s = b.toString('utf8', start, end)
  const re = /\s*([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y
  let at = 0
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    out[m[1] ?? ''] = decodeAttr(m[2] ?? m[3] ?? '')
    at = re.lastIndex
  }
  if (!/^\s*\/?\s*$/.test(s.slice(at))) throw new Error('malformed attribute')
  return out
}

export const END = 0
export const TEXT = 1
export const OPEN = 2
export const CLOSE = 3

/**
 * Pull tokenizer for the parts other than worksheets: text runs, opening tags (a
 * self-closing one is followed by its CLOSE) and closing tags.
 */
export class XmlCursor {
  text = ''
  private nameStart = 0
  private nameStop = 0
  private attrEnd = 0
  private pendingClose = false

  constructor(
    private readonly b: Buffer,
    private pos = 0
  ) {}

  next(): number {
    const b = this.b
    if (this.pendingClose) {
      this.pendingClose = false
      return CLOSE
    }
    for (;;) {
      const i = this.pos
      if (i >= b.length) return END
      if (b[i] !== LT) {
        let j = b.indexOf(LT, i)
        if (j < 0) j = b.length
        this.pos = j
        this.text = decodeText(b.toString('utf8', i, j))
        return TEXT
      }
      const skipped = skipMarkup(b, i)
      if (skipped !== i) {
        this.pos = skipped
        continue
      }
      const closing = b[i + 1] === SLASH
      this.nameStart = closing ? i + 2 : i + 1
      this.nameStop = nameEnd(b, this.nameStart)
      const end = closing ? b.indexOf(GT, this.nameStop) : tagEnd(b, this.nameStop)
      if (end < 0) throw new Error('unterminated tag')
      this.attrEnd = end
      this.pos = end + 1
      this.pendingClose = !closing && b[end - 1] === SLASH
      return closing ? CLOSE : OPEN
    }
  }

  /** Is the current tag's name exactly `name`? */
  is(name: string): boolean {
    return this.nameStop - this.nameStart === name.length && bytesAre(this.b, this.nameStart, name)
  }

  /** Attributes of the tag just opened. */
  attrs(): Record<string, string> {
    return attributes(this.b, this.nameStop, this.attrEnd)
  }
}

/**
 * Shared strings: an <si>'s text is its <t> texts in order, those of every rich-text run
 * <r> joined. Phonetic runs (<rPh>, furigana) and <phoneticPr> are not text, nor is
 * whitespace between tags. An <si> without text is null, a rich one with empty runs ''.
 */
export function parseSharedStrings(xml: Buffer): (string | null)[] {
  const out: (string | null)[] = []
  const cur = new XmlCursor(xml)
  let text: string | null = null
  let rich = false
  let inText = false
  let phonetic = false
  for (let tok = cur.next(); tok !== END; tok = cur.next()) {
    if (tok === TEXT) {
      if (inText) text = text === null ? cur.text : text + cur.text
    } else if (tok === OPEN) {
      if (cur.is('t')) inText = !phonetic
      else if (cur.is('r')) rich = true
      else if (cur.is('rPh')) phonetic = true
      else if (cur.is('si')) {
        text = null
        rich = false
        inText = false
        phonetic = false
      }
    } else if (cur.is('t')) inText = false
    else if (cur.is('rPh')) phonetic = false
    else if (cur.is('si')) out.push(text ?? (rich ? '' : null))
  }
  return out
}

export interface WorkbookSheet {
  name: string
  state: string
  rid: string
}

/** Sheets in workbook order and the 1904 date system flag from xl/workbook.xml. */
export function parseWorkbook(xml: Buffer): { sheets: WorkbookSheet[]; date1904: boolean } {
  const sheets: WorkbookSheet[] = []
  let date1904 = false
  const cur = new XmlCursor(xml)
  for (let tok = cur.next(); tok !== END; tok = cur.next()) {
    if (tok !== OPEN) continue
    if (cur.is('workbookPr'))
      date1904 = ['1', 'true'].includes(cur.attrs().date1904 ?? '') // xsd:boolean
    else if (cur.is('sheet')) {
      const a = cur.attrs()
      const rid = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? ''
      sheets.push({ name: a.name ?? '', state: a.state ?? '', rid })
    }
  }
  return { sheets, date1904 }
}

/** Relationship id -> { part path inside the zip, type }, from xl/_rels/workbook.xml.rels. */
export function parseWorkbookRels(xml: Buffer): Map<string, { path: string; type: string }> {
  const out = new Map<string, { path: string; type: string }>()
  const cur = new XmlCursor(xml)
  for (let tok = cur.next(); tok !== END; tok = cur.next()) {
    if (tok !== OPEN || !cur.is('Relationship')) continue
    const a = cur.attrs()
    if (a.Id && a.Target) out.set(a.Id, { path: a.Target.replace(/^\/?(xl\/)?/, 'xl/'), type: a.Type ?? '' })
  }
  return out
}
