// `npx tsx scripts/make-icon.ts`: draws the app icon and writes resources/icon.png (256x256, the
// window and taskbar icon) and resources/icon.ico (16-256, the .exe, installer and shortcuts).
// The mark is an SVG rendered by the system Chromium with the Noto Sans CJK SC font (Debian's
// fonts-noto-cjk), so the files can be made again on any machine that runs the e2e tests.
// The ICO is assembled here: 32-bit BMP entries below 256 px, which every Windows component
// reads (the shell, rcedit, NSIS), and a PNG entry at 256 px, as Windows' own icons do.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const FONT = 'Noto Sans CJK SC'
const SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256] as const
const resources = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources')

/**
 * 守 drawn pixel by pixel for the sizes where a font's antialiased strokes turn to mush
 * (title bar, taskbar and Explorer lists at 100-150 % scaling): one row a string, # = white.
 */
const PIXEL_GLYPHS: Record<number, string[]> = {
  16: [
    '................',
    '................',
    '.......##.......',
    '...##########...',
    '...#........#...',
    '................',
    '...##########...',
    '.........##.....',
    '.....#...##.....',
    '......#..##.....',
    '.........##.....',
    '.........##.....',
    '.......####.....',
    '................',
    '................',
    '................'
  ],
  20: [
    '....................',
    '....................',
    '.........##.........',
    '....############....',
    '....##........##....',
    '....##........##....',
    '....................',
    '...##############...',
    '............##......',
    '......##....##......',
    '.......##...##......',
    '............##......',
    '............##......',
    '............##......',
    '.........#####......',
    '....................',
    '....................',
    '....................',
    '....................',
    '....................'
  ],
  24: [
    '........................',
    '........................',
    '........................',
    '...........##...........',
    '...........##...........',
    '.....##############.....',
    '.....##############.....',
    '.....##..........##.....',
    '.....##..........##.....',
    '........................',
    '....################....',
    '....################....',
    '..............##........',
    '.......##.....##........',
    '........##....##........',
    '.........##...##........',
    '..............##........',
    '..............##........',
    '...........#####........',
    '...........####.........',
    '........................',
    '........................',
    '........................',
    '........................'
  ]
}

/**
 * The mark: 守 (keep watch) on a shield, red with a gold rim as the committee's notices are.
 * At 32 px and below the rim goes and the character fills the shield; at 24 px and below the
 * character is drawn on the pixel grid (PIXEL_GLYPHS).
 */
function svg(size: number): string {
  const shield = 'M128 10 L228 40 V120 C228 184 186 226 128 250 C70 226 28 184 28 120 V40 Z'
  const inner = 'M128 30 L210 55 V121 C210 173 176 209 128 230 C80 209 46 173 46 121 V55 Z'
  const pixels = PIXEL_GLYPHS[size]
  const unit = 256 / size
  const glyph = pixels
    ? `<g fill="#ffffff" shape-rendering="crispEdges">${pixels
        .flatMap((row, y) => [...row].map((cell, x) => (cell === '#' ? `<rect x="${x * unit}" y="${y * unit}" width="${unit}" height="${unit}"/>` : '')))
        .join('')}</g>`
    : size <= 32
      ? `<text x="128" y="190" text-anchor="middle" font-family="${FONT}" font-weight="700" font-size="196" fill="#ffffff">守</text>`
      : `<text x="128" y="180" text-anchor="middle" font-family="${FONT}" font-weight="700" font-size="150" fill="#fff4d6">守</text>`
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 256 256">
  <defs>
    <linearGradient id="body" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#e0352b"/>
      <stop offset="1" stop-color="#a8141b"/>
    </linearGradient>
  </defs>
  <path d="${shield}" fill="url(#body)"/>
  ${size <= 32 ? '' : `<path d="${inner}" fill="none" stroke="#f4c24f" stroke-width="7"/>`}
  ${glyph}
</svg>`
}

interface Rendered {
  size: number
  png: Buffer
  /** Straight (not premultiplied) RGBA, top row first. */
  rgba: Buffer
}

/**
 * Runs in the page (a string, as this project's Node typings have no DOM): draws the SVG on a
 * canvas of the icon's size, so Chromium rasterises the vector at that size, and returns the
 * PNG and the raw pixels, both base64.
 */
const RASTERIZE = `async ({ source, size }) => {
  const image = new Image(size, size)
  image.src = 'data:image/svg+xml;base64,' + btoa(unescape(encodeURIComponent(source)))
  await image.decode()
  const canvas = document.createElement('canvas')
  canvas.width = size
  canvas.height = size
  const context = canvas.getContext('2d')
  context.drawImage(image, 0, 0, size, size)
  const pixels = context.getImageData(0, 0, size, size).data
  let rgba = ''
  for (let i = 0; i < pixels.length; i++) rgba += String.fromCharCode(pixels[i])
  return { png: canvas.toDataURL('image/png').split(',')[1], rgba: btoa(rgba) }
}`

async function render(): Promise<Rendered[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] })
  try {
    const page = await browser.newPage()
    const out: Rendered[] = []
    for (const size of SIZES) {
      const result = (await page.evaluate(`(${RASTERIZE})(${JSON.stringify({ source: svg(size), size })})`)) as {
        png: string
        rgba: string
      }
      out.push({ size, png: Buffer.from(result.png, 'base64'), rgba: Buffer.from(result.rgba, 'base64') })
    }
    return out
  } finally {
    await browser.close()
  }
}

/** A 32-bit DIB as an ICO entry holds it: BITMAPINFOHEADER (height doubled), BGRA rows bottom-up, AND mask. */
function dib({ size, rgba }: Rendered): Buffer {
  const header = Buffer.alloc(40)
  header.writeUInt32LE(40, 0)
  header.writeInt32LE(size, 4)
  header.writeInt32LE(size * 2, 8) // colour rows and mask rows
  header.writeUInt16LE(1, 12)
  header.writeUInt16LE(32, 14)
  const pixels = Buffer.alloc(size * size * 4)
  const maskStride = Math.ceil(size / 32) * 4
  const mask = Buffer.alloc(maskStride * size)
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4
      const to = (row * size + x) * 4
      pixels[to] = rgba[from + 2] ?? 0
      pixels[to + 1] = rgba[from + 1] ?? 0
      pixels[to + 2] = rgba[from] ?? 0
      pixels[to + 3] = rgba[from + 3] ?? 0
      // Fully transparent pixels are also masked, for readers that ignore alpha.
      if ((rgba[from + 3] ?? 0) === 0) {
        const at = row * maskStride + (x >> 3)
        mask[at] = (mask[at] ?? 0) | (0x80 >> (x & 7))
      }
    }
  }
  header.writeUInt32LE(pixels.length + mask.length, 20)
  return Buffer.concat([header, pixels, mask])
}

function ico(images: Rendered[]): Buffer {
  const datas = images.map((image) => (image.size >= 256 ? image.png : dib(image)))
  const dir = Buffer.alloc(6 + 16 * images.length)
  dir.writeUInt16LE(0, 0)
  dir.writeUInt16LE(1, 2) // 1 = icon
  dir.writeUInt16LE(images.length, 4)
  let offset = dir.length
  images.forEach((image, i) => {
    const entry = 6 + i * 16
    dir.writeUInt8(image.size >= 256 ? 0 : image.size, entry) // 0 means 256
    dir.writeUInt8(image.size >= 256 ? 0 : image.size, entry + 1)
    dir.writeUInt8(0, entry + 2) // no palette
    dir.writeUInt8(0, entry + 3)
    dir.writeUInt16LE(1, entry + 4) // planes
    dir.writeUInt16LE(32, entry + 6) // bits per pixel
    dir.writeUInt32LE(datas[i]?.length ?? 0, entry + 8)
    dir.writeUInt32LE(offset, entry + 12)
    offset += datas[i]?.length ?? 0
  })
  return Buffer.concat([dir, ...datas])
}

function checkFont(): void {
  try {
    const found = execFileSync('fc-list', [`${FONT}:style=Bold`, 'family'], { encoding: 'utf8' })
    if (found.includes(FONT)) return
  } catch {
    // No fontconfig: say what is missing below.
  }
  throw new Error(`${FONT} Bold is not installed (Debian: apt-get install fonts-noto-cjk); the icon would use another font`)
}

checkFont()
const images = await render()
const largest = images.find((image) => image.size === 256)
if (!largest) throw new Error('256 px image missing')
fs.mkdirSync(resources, { recursive: true })
fs.writeFileSync(path.join(resources, 'icon.png'), largest.png)
fs.writeFileSync(path.join(resources, 'icon.ico'), ico(images))
// `--png-dir <dir>` also writes every size as a PNG, to look at the small ones by eye.
const pngDir = process.argv[process.argv.indexOf('--png-dir') + 1]
if (process.argv.includes('--png-dir') && pngDir) {
  fs.mkdirSync(pngDir, { recursive: true })
  for (const image of images) fs.writeFileSync(path.join(pngDir, `icon-${image.size}.png`), image.png)
}
console.log(`wrote resources/icon.png (256x256) and resources/icon.ico (${SIZES.join(', ')} px)`)
