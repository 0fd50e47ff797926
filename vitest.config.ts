import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Both cores: vitest 4 otherwise runs one test file at a time on this 2-core machine (measured: four 3 s files
    // took 13.3 s, 6.8 s with two workers). Tests that start processes or threads of their own still share them.
    maxWorkers: 2,
  },
});
