import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite databases are created per test file; keep parallelism modest on 2-core machines.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
