// Windows installer for the committee office PC: `npm run dist` (needs the Electron binary; see
// README "Packaging"). A module rather than YAML so that tests/unit/packaging.test.ts can check
// the same object electron-builder loads (it reads .ts configs through jiti).
import type { Configuration } from 'electron-builder'

const config = {
  appId: 'cn.shouwang.desk',
  productName: '守望',
  copyright: '守望 社区防控台账',
  directories: {
    output: 'dist',
    buildResources: 'resources'
  },
  // electron-vite bundles main, worker, server, preload and renderer (sql.js's wasm included)
  // into out/, so nothing is loaded from node_modules at run time. electron-builder copies every
  // package.json "dependencies" entry (and its tree: 93 MB with the list we had) into the app by
  // itself; the last pattern keeps node_modules out even if one is listed there again.
  files: ['out/**/*', 'package.json', '!**/*.map', '!**/node_modules/**'],
  // Nothing native is shipped, so there is nothing to rebuild against Electron's headers.
  npmRebuild: false,
  asar: true,
  extraResources: [
    { from: 'resources/templates', to: 'templates', filter: ['**/*'] },
    // process.resourcesPath/icon.png: the window icon the main process sets.
    { from: 'resources/icon.png', to: 'icon.png' }
  ],
  // Chromium's own strings (context menus, print dialog) in Chinese, English as its fallback;
  // the other 50-odd locale files are left out.
  electronLanguages: ['zh-CN', 'en-US'],
  // Flipped in the packaged 守望.exe right before signing. The app needs none of what is turned
  // off: its backend is a worker thread (not a forked ELECTRON_RUN_AS_NODE child), it serves the
  // renderer over app:// (not file://), and nobody should be able to attach an inspector or
  // inject NODE_OPTIONS into a program holding residents' ID numbers. The asar is validated
  // against the hash electron-builder embeds in the exe, and only the asar is loaded.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'resources/icon.ico',
    artifactName: '守望-${version}-安装程序.${ext}'
  },
  nsis: {
    oneClick: false,
    // Per-user install: no administrator rights needed on the office PC.
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: '守望',
    language: '2052',
    installerLanguages: ['zh_CN'],
    multiLanguageInstaller: false,
    // Residents' data stays when the program is removed; destroying it is a deliberate act in the app.
    deleteAppDataOnUninstall: false
  }
} satisfies Configuration

export default config
