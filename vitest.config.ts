import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'cli/**/*.test.ts', 'test/**/*.test.ts', 'extension/**/*.test.ts', 'backend/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // every backend log line of the run is checked for secrets and fixture text at the end (backend/test/suite-logs.ts)
    globalSetup: ['backend/test/suite-logs.setup.ts'],
    // CI also writes a JSON report so .ci/run can print one plain 'N passed, N failed' line
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-report.json' }]] : ['default'],
  },
});
