// The web app (npm run app / npm run app:build): a static site with relative URLs, so app/dist
// works from any static host or sub-path. Two pages: the app, and bench.html (the re-filter
// benchmark page that bench/refilter.mjs drives in Chromium).
import { defineConfig } from 'vite'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  root: here,
  base: './',
  publicDir: resolve(here, 'public'),
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // no inlined data: URLs for assets; everything is a same-origin file
    assetsInlineLimit: 0,
    rollupOptions: { input: { main: resolve(here, 'index.html'), bench: resolve(here, 'bench.html') } },
  },
  // the prioritisation worker is an ES module (the WASM core's loader uses top-level await)
  worker: { format: 'es' },
  server: { fs: { allow: [resolve(here, '..')] } },
})
