import "server-only";
import { db } from "@/server/db";
import { pgEnv } from "@/server/env";
import { logger } from "@/server/log";
import { createSandboxPg, type SandboxPg } from "./service";

// One per process, so background webhook deliveries outlive the request that started them.
const globalForSandbox = globalThis as unknown as { canteenSandboxPg?: SandboxPg };

/** The sandbox PG the route handlers under app/sandbox-pg serve. */
export function sandboxPg(): SandboxPg {
  if (!globalForSandbox.canteenSandboxPg) {
    const settings = pgEnv();
    globalForSandbox.canteenSandboxPg = createSandboxPg({
      db: db(),
      secretKey: settings.sandboxSecretKey,
      clientKey: settings.sandboxClientKey,
      timeoutMs: settings.sandboxTimeoutMs,
      webhookUrl: settings.sandboxWebhookUrl,
      webhookSecret: settings.webhookSecret,
      webhookRetryMs: settings.sandboxWebhookRetryMs,
      log: logger.child({ service: "sandbox-pg" }),
    });
  }
  return globalForSandbox.canteenSandboxPg;
}
