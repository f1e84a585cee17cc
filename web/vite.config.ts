/**
 * The dashboard's build. It is served by `sitrep serve` from dist/web, so every asset (fonts, the world
 * basemap, chart code) is bundled: the dashboard must work with no network. JSX goes through Vite's own
 * oxc transform (no React plugin, no fast refresh); `npm run dev:web`-style use proxies /api to a
 * running `sitrep serve`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // echarts alone is ~1 MB minified; it is split into the chart pages' own chunks instead of the entry.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Mantine marks its modules "use client" for React server components; a client-only bundle has no use for it.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    proxy: { '/api': process.env.SITREP_API ?? 'http://127.0.0.1:8790' },
  },
});
