import { cardSandboxEnv } from "@/server/env";
import type { CardTerminal } from "./card-terminal";
import { SandboxCardTerminal } from "./sandbox-card-terminal";

// One per process, kept across hot reloads in development (the sandbox's state lives in it).
const globalForProviders = globalThis as unknown as { canteenCardTerminal?: CardTerminal };

/**
 * The kiosk's card terminal: a real VAN adapter when one is configured, else the sandbox.
 * No VAN adapter exists yet, so this is always the sandbox.
 */
export function cardTerminal(): CardTerminal {
  globalForProviders.canteenCardTerminal ??= sandboxFromEnv();
  return globalForProviders.canteenCardTerminal;
}

/** The sandbox terminal when it is the one in use, for its test hooks; null with a real VAN. */
export function sandboxCardTerminal(): SandboxCardTerminal | null {
  const terminal = cardTerminal();
  return terminal instanceof SandboxCardTerminal ? terminal : null;
}

function sandboxFromEnv() {
  const settings = cardSandboxEnv();
  const fast = settings.NODE_ENV === "test";
  return new SandboxCardTerminal({
    approveDelayMs: settings.CARD_SANDBOX_DELAY_MS ?? (fast ? 20 : 1_200),
    timeoutMs: settings.CARD_SANDBOX_TIMEOUT_MS ?? (fast ? 100 : 15_000),
  });
}
