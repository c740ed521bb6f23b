/**
 * The timeout of a `beforeAll` that chains several bounded waits (a registry, `serve`, a dev
 * server, ...): their sum, plus half a minute for the unbounded in-process steps between them
 * (pushing a few images to a local registry, starting a test backend). With it every wait gives
 * up first with its own message (what did not answer, and its output), instead of Vitest's
 * "Hook timed out" in the middle of a wait.
 */
export function setupBudget(...waitsMs: number[]): number {
  return waitsMs.reduce((sum, ms) => sum + ms, 30_000);
}
