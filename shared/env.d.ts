/** Replaced at build time (electron.vite.config.ts, vitest configs) with package.json's version. */
declare const __APP_VERSION__: string
