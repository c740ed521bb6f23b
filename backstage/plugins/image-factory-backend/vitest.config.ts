import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // The tests start `image-factory serve` (a JVM) once per file; its first sync takes seconds.
    testTimeout: 60_000,
    // Hooks with one bounded wait fit in this; a beforeAll that chains several (registry, serve,
    // PostgreSQL, the dev server, Chromium) passes setupBudget(...) of them as its own timeout, so
    // a slow machine sees which part did not answer, not "Hook timed out".
    hookTimeout: 120_000,
    expect: {
      // The browser test polls for what the page loads through the backend from `serve`; the
      // default second measures the machine, not the page.
      poll: { timeout: 20_000 },
    },
  },
});
