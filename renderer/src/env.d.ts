/// <reference types="vite/client" />
import type { Method, MethodArgs, MethodResult } from '../../shared/contract'
import type { BackendEvent } from '../../shared/contract/types'
import type { Envelope } from '../../shared/errors'
import type { PrintResult, PrintView } from '../../shared/print'

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

declare global {
  interface Window {
    /** Present only inside the Electron host (preload); browser mode talks HTTP instead. */
    shouwang?: {
      call<M extends Method>(method: M, args: MethodArgs<M>, session: string | null): Promise<Envelope<MethodResult<M>>>
      onEvent(listener: (event: BackendEvent) => void): () => void
      print(view: PrintView): Promise<PrintResult>
      onPrintRequest(listener: () => void): () => void
    }
  }
}
