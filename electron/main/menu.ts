import { Menu, app, dialog } from 'electron'
import type { BrowserWindow, MenuItemConstructorOptions } from 'electron'

export interface MenuActions {
  /** Developer tools in the 视图 menu (development only). */
  devTools: boolean
  /** 打印 (Ctrl+P): the page prints its print view, or says it has none; never a raw screen. */
  print: () => void
}

/** A small Chinese menu: the clerk needs copy/paste, zoom and print, not developer items. */
export function menuTemplate(getWindow: () => BrowserWindow | null, actions: MenuActions): MenuItemConstructorOptions[] {
  return [
    {
      label: '文件',
      submenu: [{ label: '打印…', accelerator: 'CmdOrCtrl+P', click: () => actions.print() }, { type: 'separator' }, { label: '退出', role: 'quit' }]
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' }
      ]
    },
    {
      label: '视图',
      submenu: [
        { label: '刷新', role: 'reload' },
        { type: 'separator' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { label: '实际大小', role: 'resetZoom' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
        ...(actions.devTools ? [{ label: '开发者工具', role: 'toggleDevTools' } as const] : [])
      ]
    },
    {
      label: '帮助',
      submenu: [
        {
          label: '关于守望',
          click: () => {
            const window = getWindow()
            const options = { type: 'info' as const, title: '关于守望', message: `守望 · 社区防控台账\n版本 ${app.getVersion()}` }
            void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options))
          }
        }
      ]
    }
  ]
}

export function installMenu(getWindow: () => BrowserWindow | null, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(getWindow, actions)))
}
