import { handlePgWebhook } from "@/server/domain/pg/webhook";
import { db } from "@/server/db";
import { pgEnv } from "@/server/env";
import { logger } from "@/server/log";
import { paymentProvider } from "@/server/providers/pg-factory";

// The PG's webhooks: no session, no CSRF token; the HMAC signature is what lets one in.
export const dynamic = "force-dynamic";

export function POST(request: Request) {
  const settings = pgEnv();
  return handlePgWebhook(request, {
    db: db(),
    provider: paymentProvider(settings),
    secret: settings.webhookSecret,
    log: logger.child({ route: "pg-webhook", requestId: request.headers.get("x-request-id") ?? crypto.randomUUID() }),
  });
}
