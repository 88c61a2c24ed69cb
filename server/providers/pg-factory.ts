import { pgEnv, type PgEnv } from "@/server/env";
import type { PaymentProvider } from "./payment-provider";
import { SandboxPgProvider } from "./sandbox-pg";
import { TossPaymentsProvider } from "./toss-payments";

/** The PG in use: Toss Payments when its keys are set (or PG_PROVIDER=toss), else the sandbox PG. */
export function paymentProvider(settings: PgEnv = pgEnv()): PaymentProvider {
  if (settings.provider === "toss") {
    if (!settings.tossSecretKey || !settings.tossClientKey) throw new Error("PG: Toss Payments needs TOSS_SECRET_KEY and TOSS_CLIENT_KEY");
    return new TossPaymentsProvider({ secretKey: settings.tossSecretKey, clientKey: settings.tossClientKey, baseUrl: settings.tossApiUrl });
  }
  return new SandboxPgProvider({ origin: settings.sandboxUrl, secretKey: settings.sandboxSecretKey, clientKey: settings.sandboxClientKey });
}
