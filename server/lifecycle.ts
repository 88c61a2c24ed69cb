/**
 * This process's life: serving, or draining after SIGTERM. Shared through globalThis because
 * the server entry (scripts/serve.ts) and the route handlers Next.js bundles are different
 * module instances in one process. No imports: serve.ts loads it outside the bundle.
 */
type Lifecycle = {
  draining: boolean;
  /** Set by scripts/serve.ts: it owns SIGTERM, so the app must not exit on its own. */
  managedByServer: boolean;
  drainHooks: Set<() => void>;
  shutdownHooks: Set<() => Promise<void> | void>;
};

const KEY = Symbol.for("canteen.lifecycle");
const holder = globalThis as unknown as Record<symbol, Lifecycle | undefined>;

export function lifecycle(): Lifecycle {
  holder[KEY] ??= { draining: false, managedByServer: false, drainHooks: new Set(), shutdownHooks: new Set() };
  return holder[KEY];
}

export const isDraining = () => lifecycle().draining;

/** Runs `hook` when draining starts (at once if it already has); returns a remover. */
export function onDrain(hook: () => void): () => void {
  const state = lifecycle();
  if (state.draining) {
    hook();
    return () => {};
  }
  state.drainHooks.add(hook);
  return () => state.drainHooks.delete(hook);
}

/** Readiness goes false and every open event stream is told to reconnect elsewhere. */
export function startDrain() {
  const state = lifecycle();
  if (state.draining) return;
  state.draining = true;
  const hooks = [...state.drainHooks];
  state.drainHooks.clear();
  for (const hook of hooks) {
    try {
      hook();
    } catch {
      // a stream already gone
    }
  }
}

/** What the app closes last (the pool, the LISTEN connection), after in-flight requests finished. */
export function onShutdown(hook: () => Promise<void> | void) {
  lifecycle().shutdownHooks.add(hook);
}

export async function runShutdownHooks() {
  const hooks = [...lifecycle().shutdownHooks];
  lifecycle().shutdownHooks.clear();
  await Promise.allSettled(hooks.map(async (hook) => hook()));
}
