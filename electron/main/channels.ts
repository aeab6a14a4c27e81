/** IPC channel names, shared by the main process and the preload (and nothing else). */
export const IPC_CALL_CHANNEL = 'shouwang:call'
export const IPC_EVENT_CHANNEL = 'shouwang:event'
export const IPC_PRINT_CHANNEL = 'shouwang:print'
/** Main -> page: the menu's 打印 (Ctrl+P) asks the page to print its print view, if it has one. */
export const IPC_PRINT_REQUEST_CHANNEL = 'shouwang:print-request'
