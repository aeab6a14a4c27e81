import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir } from '../../electron/backend/paths'
import { dataMarkerFile } from '../../electron/backend/store/open-choices'
import { parseServeArgs } from '../../electron/server/args'

describe('default data folder (same as Electron userData)', () => {
  it.each([
    ['win32', { APPDATA: 'C:\\Users\\li\\AppData\\Roaming' }, 'C:\\Users\\li', 'C:\\Users\\li\\AppData\\Roaming\\Shouwang'],
    ['win32', {}, 'C:\\Users\\li', 'C:\\Users\\li\\AppData\\Roaming\\Shouwang'],
    ['darwin', {}, '/Users/li', '/Users/li/Library/Application Support/Shouwang'],
    ['linux', {}, '/home/li', '/home/li/.config/Shouwang'],
    ['linux', { XDG_CONFIG_HOME: '/data/cfg' }, '/home/li', '/data/cfg/Shouwang']
  ] as const)('%s %j', (platform, env, home, expected) => {
    expect(defaultDataDir(platform, env, home)).toBe(expected)
  })
})

describe('the data folder marker sits beside the folder, outside it', () => {
  it('on both platforms', () => {
    expect(dataMarkerFile('/home/li/.config/Shouwang', path.posix.join, path.posix.dirname, path.posix.basename)).toBe('/home/li/.config/.Shouwang.shouwang')
    expect(dataMarkerFile('C:\\Users\\li\\AppData\\Roaming\\Shouwang', path.win32.join, path.win32.dirname, path.win32.basename)).toBe(
      'C:\\Users\\li\\AppData\\Roaming\\.Shouwang.shouwang'
    )
  })
})

describe('serve arguments', () => {
  it('reads --port and --data-dir in both spellings', () => {
    expect(parseServeArgs(['--port', '5170', '--data-dir', './data'])).toEqual({ port: 5170, dataDir: './data', open: {}, lan: false })
    expect(parseServeArgs(['--port=0', '--data-dir=/tmp/x y'])).toEqual({ port: 0, dataDir: '/tmp/x y', open: {}, lan: false })
    expect(parseServeArgs([])).toEqual({ port: 5170, dataDir: null, open: {}, lan: false })
    // The LAN listener only when asked (and then only as 设置 → 局域网访问 says).
    expect(parseServeArgs(['--lan'])).toMatchObject({ lan: true })
    expect(() => parseServeArgs(['--lan=yes'])).toThrow('不认识的参数')
  })

  it('takes the choices a refused open offers (the same as the desktop dialog)', () => {
    expect(parseServeArgs(['--salvage-journal'])).toMatchObject({ open: { salvageJournal: true } })
    expect(parseServeArgs(['--start-fresh'])).toMatchObject({ open: { startFresh: true } })
    expect(() => parseServeArgs(['--start-fresh=yes'])).toThrow('不认识的参数')
  })

  it.each([
    [['--port', 'abc'], '--port 必须是'],
    [['--port', '70000'], '--port 必须是'],
    [['--data-dir'], '需要一个值'],
    [['--verbose'], '不认识的参数']
  ])('explains %j in Chinese', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(message)
  })
})
