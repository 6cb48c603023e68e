import { defineConfig } from 'vite'
import { libraryBuild } from '../../vite.library.ts'

/**
 * `vite build`: one ES module for the browser. Every export is client-side React, so the bundle
 * starts with `'use client'` (the per-file directives are dropped by bundling).
 */
export default defineConfig(
  libraryBuild({
    packageDir: import.meta.dirname,
    entries: { index: 'src/index.ts' },
    banner: "'use client'",
  }),
)
