import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // The tests start `image-factory serve` (a JVM) once per file; its first sync takes seconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
