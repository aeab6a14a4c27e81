import os from 'node:os'
import path from 'node:path'

/** Folder name under the platform's app-data folder; ASCII so no path ever trips on encoding. */
export const APP_FOLDER_NAME = 'Shouwang'

/** Electron's app.getPath('appData'), reproduced so browser mode finds the same folder. */
export function appDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') return env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming')
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support')
  return env.XDG_CONFIG_HOME ?? path.posix.join(home, '.config')
}

/**
 * Where the data lives when no --data-dir is given. The Electron host sets
 * app.setPath('userData', defaultDataDir()) so both hosts share one folder by construction.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  const join = platform === 'win32' ? path.win32.join : path.posix.join
  return join(appDataDir(platform, env, home), APP_FOLDER_NAME)
}
