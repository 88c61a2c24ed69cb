import { eq } from "drizzle-orm";
import type { Logger } from "pino";
import { z } from "zod";
import type { Db } from "@/db/client";
import { pgWebhookEvents } from "@/db/schema";
import type { PaymentProvider } from "@/server/providers/payment-provider";
import { SIGNATURE_HEADER, TIME_HEADER, verifyWebhookSignature } from "@/server/providers/pg-webhook-signature";
import { translateDatabaseError } from "../idempotency";
import { reconcilePgPayment } from "./reconcile";
import { pgPaymentByOrderId } from "./records";
import { currentTime } from "@/server/clock";

const webhookBody = z.object({
  eventType: z.string().min(1).max(100),
  createdAt: z.string().optional(),
  data: z.object({ paymentKey: z.string().min(1).max(200) }).loose(),
});

export type WebhookDeps = { db: Db; provider: PaymentProvider; secret: string; log: Logger; now?: () => Date };

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * POST /api/pg/webhook. A forged or stale signature gets 401 and leaves nothing but a log
 * line. A genuine one is recorded as received, then the payment is read again from the PG
 * (the body only says which payment to look at) and reconciled under the row lock — so
 * repeats, any order (DONE after ABORTED or before the employee's own confirm) all end in
 * the PG's truth, booked once. 200 tells the PG to stop; 503 when the PG could not be
 * asked makes it send again later.
 */
export async function handlePgWebhook(request: Request, deps: WebhookDeps): Promise<Response> {
  const raw = await request.text();
  const check = verifyWebhookSignature({
    secret: deps.secret,
    body: raw,
    signature: request.headers.get(SIGNATURE_HEADER),
    time: request.headers.get(TIME_HEADER),
    now: deps.now?.(),
  });
  if (!check.ok) {
    deps.log.warn({ reason: check.reason }, "PG webhook refused: signature");
    return answer(401, { code: "INVALID_SIGNATURE", message: "the webhook signature is missing, stale or wrong" });
  }
  let parsed: z.infer<typeof webhookBody>;
  let json: unknown;
  try {
    json = JSON.parse(raw);
    parsed = webhookBody.parse(json);
  } catch {
    deps.log.warn("PG webhook refused: not a PAYMENT_STATUS_CHANGED body");
    return answer(400, { code: "INVALID_REQUEST", message: "the body is not a webhook event" });
  }
  const [event] = await deps.db
    .insert(pgWebhookEvents)
    .values({ provider: deps.provider.name, eventType: parsed.eventType, paymentKey: parsed.data.paymentKey, verified: "hmac-sha256", body: json })
    .returning({ id: pgWebhookEvents.id });
  if (!event) throw new Error("pg_webhook_events insert returned nothing");
  const finish = async (outcome: string, status = 200) => {
    await deps.db.update(pgWebhookEvents).set({ processedAt: currentTime(), outcome }).where(eq(pgWebhookEvents.id, event.id));
    return answer(status, { outcome });
  };

  if (parsed.eventType !== "PAYMENT_STATUS_CHANGED") return finish("ignored");
  const reread = await deps.provider.getPayment(parsed.data.paymentKey);
  if (!reread.ok) {
    if (reread.failure.code === "NOT_FOUND_PAYMENT") return finish("unknown_payment");
    deps.log.warn({ code: reread.failure.code, paymentKey: parsed.data.paymentKey }, "PG webhook: could not read the payment again; the PG will retry");
    await deps.db.update(pgWebhookEvents).set({ outcome: `pg_unreachable:${reread.failure.code}` }).where(eq(pgWebhookEvents.id, event.id));
    return answer(503, { outcome: "pg_unreachable" });
  }
  const row = await pgPaymentByOrderId(deps.db, reread.payment.orderId);
  if (!row) return finish("not_ours");
  try {
    const { outcome } = await deps.db.transaction((tx) =>
      reconcilePgPayment({ tx, input: { id: row.id, payment: reread.payment, log: deps.log } }),
    );
    return finish(outcome);
  } catch (error) {
    deps.log.error({ err: translateDatabaseError(error), pgPaymentId: row.id }, "PG webhook: reconcile failed; the PG will retry");
    return answer(500, { outcome: "error" });
  }
}
