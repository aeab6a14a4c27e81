import fs from 'node:fs'
import path from 'node:path'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { getConfig as readConfigFile } from 'app-builder-lib/out/util/config/load'
import { DebugLogger } from 'builder-util'
import { describe, expect, it } from 'vitest'
import config from '../../electron-builder.config'

const root = path.resolve(__dirname, '../..')
const CONFIG_FILE = 'electron-builder.config.ts'
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

interface PngHeader {
  width: number
  height: number
  colorType: number
}

function readPng(bytes: Buffer): PngHeader {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature').toBe(true)
  expect(bytes.toString('latin1', 12, 16), 'first chunk').toBe('IHDR')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colorType: bytes.readUInt8(25) }
}

interface IcoEntry {
  size: number
  format: 'png' | 'bmp'
}

/** ICONDIR, its entries, and each image checked against what its entry says. */
function readIco(bytes: Buffer): IcoEntry[] {
  expect(bytes.readUInt16LE(0), 'reserved').toBe(0)
  expect(bytes.readUInt16LE(2), 'type 1 = icon').toBe(1)
  const count = bytes.readUInt16LE(4)
  const entries: IcoEntry[] = []
  for (let i = 0; i < count; i++) {
    const at = 6 + i * 16
    const size = bytes.readUInt8(at) || 256
    expect(bytes.readUInt8(at + 1) || 256, 'square').toBe(size)
    expect(bytes.readUInt16LE(at + 6), 'bits per pixel').toBe(32)
    const length = bytes.readUInt32LE(at + 8)
    const offset = bytes.readUInt32LE(at + 12)
    expect(offset + length, 'image inside the file').toBeLessThanOrEqual(bytes.length)
    const image = bytes.subarray(offset, offset + length)
    if (image.subarray(0, 8).equals(PNG_SIGNATURE)) {
      expect(readPng(image)).toMatchObject({ width: size, height: size })
      entries.push({ size, format: 'png' })
    } else {
      // BITMAPINFOHEADER: colour rows and the AND mask's rows count in the height.
      expect(image.readUInt32LE(0), 'BITMAPINFOHEADER').toBe(40)
      expect(image.readInt32LE(4)).toBe(size)
      expect(image.readInt32LE(8)).toBe(size * 2)
      expect(image.readUInt16LE(14)).toBe(32)
      expect(length).toBe(40 + size * size * 4 + Math.ceil(size / 32) * 4 * size)
      entries.push({ size, format: 'bmp' })
    }
  }
  return entries
}

describe('packaging config (electron-builder.config.ts)', () => {
  it('is what electron-builder itself loads, valid against its schema, and what `npm run dist` uses', async () => {
    // The file as electron-builder reads it (through jiti) is the object this test checks...
    const read = await readConfigFile({ packageKey: 'build', configFilename: 'electron-builder', projectDir: root, packageMetadata: null }, CONFIG_FILE)
    expect(read?.result).toEqual(config)
    // ...and after its normalisation it passes electron-builder's schema (a misspelt option fails here).
    await validateConfiguration(await getConfig(root, CONFIG_FILE, null), new DebugLogger(false))
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    expect(pkg.scripts.dist).toContain(`electron-builder --config ${CONFIG_FILE}`)
    // One source of truth: electron-builder would pick an electron-builder.yml up by itself.
    expect(fs.existsSync(path.join(root, 'electron-builder.yml'))).toBe(false)
  })

  it('sets the Electron fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false
    })
  })

  it('packs only the bundled out/ and package.json into the asar: no node_modules, nothing unpacked', () => {
    expect(config.asar).toBe(true)
    expect('asarUnpack' in config).toBe(false)
    const included = config.files.filter((pattern) => !pattern.startsWith('!'))
    expect(included).toEqual(['out/**/*', 'package.json'])
    // electron-builder copies package.json "dependencies" next to out/ unless a pattern excludes them.
    expect(config.files).toContain('!**/node_modules/**')
    expect(config.files).toContain('!**/*.map')
  })

  it('ships the report templates and the window icon outside the asar', () => {
    expect(config.extraResources).toEqual([
      { from: 'resources/templates', to: 'templates', filter: ['**/*'] },
      { from: 'resources/icon.png', to: 'icon.png' }
    ])
    for (const { from } of config.extraResources) expect(fs.existsSync(path.join(root, from)), from).toBe(true)
  })

  it('has a valid window icon (PNG) and a multi-size Windows icon (ICO)', () => {
    const png = readPng(fs.readFileSync(path.join(root, 'resources/icon.png')))
    expect(png.width).toBe(png.height)
    expect([256, 512]).toContain(png.width)
    expect(png.colorType, 'RGBA').toBe(6)

    expect(config.win.icon).toBe('resources/icon.ico')
    const entries = readIco(fs.readFileSync(path.join(root, config.win.icon)))
    const sizes = entries.map((entry) => entry.size)
    // Explorer, the taskbar and the title bar at 100-200 % scaling, and the 256 px tile.
    for (const size of [16, 24, 32, 48, 64, 256]) expect(sizes).toContain(size)
    expect(entries.find((entry) => entry.size === 256)?.format).toBe('png')
  })

  it('builds a per-user NSIS installer for Windows x64 that keeps the data folder at uninstall', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      language: '2052',
      deleteAppDataOnUninstall: false
    })
  })
})
