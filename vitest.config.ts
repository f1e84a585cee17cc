import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every annotated article is now tagged and parsed too: the CLI tests that ingest and annotate the
    // samples several times need more than a minute on a loaded 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // PGlite databases are created per test file; keep parallelism modest on 2-core machines.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
