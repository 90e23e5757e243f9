/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

/** Injected at build time by vite.config.ts (tools/appVersion.ts). */
declare const __APP_VERSION__: string
/** YYYY-MM-DD, Japan time, injected at build time */
declare const __BUILD_DATE__: string
