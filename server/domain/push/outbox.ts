import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { createTranslator, type Messages } from "next-intl";
import type { Db, DbOrTx } from "@/db/client";
import { orders, paymentTenders, pushOutbox, pushSubscriptions, stores } from "@/db/schema";
import { locales } from "@/i18n/locales";
import { messages } from "@/messages";
import type { PushSender } from "@/server/providers/web-push";

/** After this many failed tries a message is given up (about a day of backoff). */
export const PUSH_MAX_ATTEMPTS = 10;
/** A claimed message that no worker finished in this time (a crash mid-send) is due again. */
const CLAIM_LEASE_MS = 60_000;
/** "Ready" is stale after an hour: the push service may drop it rather than deliver it late. */
const READY_TTL_SECONDS = 3_600;

/** Wait before try n+1: 30 s, 1 min, 2 min … capped at an hour. */
export function pushBackoffMs(attempts: number) {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export type PushPayload = {
  kind: "orderReady";
  orderId: string;
  url: string;
  tag: string;
  /** Both languages: the service worker picks the one the app is set to. */
  texts: Record<(typeof locales)[number], { title: string; body: string }>;
};

/**
 * Queues "your order is ready" for every phone of the people who paid the order. Runs in
 * the transaction that made the order ready; the dedupe key makes a second "ready" (or a
 * retried request) queue nothing more. Returns the new rows, to send after commit.
 */
export async function enqueueOrderReadyPush(tx: DbOrTx, input: { orderId: string; now: Date }): Promise<string[]> {
  const [order] = await tx
    .select({ id: orders.id, pickupNumber: orders.pickupNumber, payerId: orders.payerId, storeKo: stores.nameKo, storeEn: stores.nameEn })
    .from(orders)
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(eq(orders.id, input.orderId));
  if (!order) return [];
  const tenderPayers = await tx
    .selectDistinct({ payerId: paymentTenders.payerId })
    .from(paymentTenders)
    .where(and(eq(paymentTenders.orderId, order.id), isNotNull(paymentTenders.payerId)));
  const payerIds = [...new Set([order.payerId, ...tenderPayers.map((row) => row.payerId)].filter((id): id is string => Boolean(id)))];
  if (payerIds.length === 0) return [];
  const subscriptions = await tx.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(inArray(pushSubscriptions.userId, payerIds));
  if (subscriptions.length === 0) return [];

  const payload: PushPayload = {
    kind: "orderReady",
    orderId: order.id,
    url: `/pay/order/${order.id}`,
    tag: `order-${order.id}`,
    texts: Object.fromEntries(
      locales.map((locale) => {
        const t = createTranslator({ locale, messages: messages[locale] as Messages, namespace: "orderAhead.push" });
        const store = locale === "ko" ? order.storeKo : order.storeEn;
        return [locale, { title: t("readyTitle", { number: order.pickupNumber }), body: t("readyBody", { store, number: order.pickupNumber }) }];
      }),
    ) as PushPayload["texts"],
  };
  const inserted = await tx
    .insert(pushOutbox)
    // Due at the business clock's now (not the database's), since deliverPush compares with that clock.
    .values(
      subscriptions.map((subscription) => ({
        subscriptionId: subscription.id,
        dedupeKey: `order-ready:${order.id}`,
        payload,
        nextAttemptAt: input.now,
        createdAt: input.now,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: pushOutbox.id });
  return inserted.map((row) => row.id);
}

export type PushDelivery = { sent: number; retrying: number; failed: number; gone: number };

/**
 * Sends due messages (or just `ids`, right after the commit that queued them). Each is
 * claimed first with SKIP LOCKED and a lease, so replicas and the jobs runner never send one
 * twice at once and the HTTP call holds no lock. A 404/410 means the browser dropped the
 * subscription: it is deleted (and its queued messages with it). Other failures wait longer
 * each time, up to PUSH_MAX_ATTEMPTS.
 */
export async function deliverPush(
  db: Db,
  args: { sender: PushSender; now: Date; ids?: readonly string[]; limit?: number },
): Promise<PushDelivery> {
  const result: PushDelivery = { sent: 0, retrying: 0, failed: 0, gone: 0 };
  if (args.ids && args.ids.length === 0) return result;
  const now = args.now;
  const onlyIds = args.ids ? sql`and id in (${sql.join(args.ids.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  const claimed = (await db.execute(sql`
    update push_outbox o set attempts = o.attempts + 1, next_attempt_at = ${new Date(now.getTime() + CLAIM_LEASE_MS).toISOString()}::timestamptz
    from push_subscriptions s
    where s.id = o.subscription_id and o.id in (
      select id from push_outbox
      where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz ${onlyIds}
      order by next_attempt_at
      limit ${args.limit ?? 100}
      for update skip locked
    )
    returning o.id, o.attempts, o.payload, s.id as subscription_id, s.endpoint, s.p256dh, s.auth`)) as unknown as {
    id: string;
    attempts: number;
    payload: unknown;
    subscription_id: string;
    endpoint: string;
    p256dh: string;
    auth: string;
  }[];

  await Promise.all(
    claimed.map(async (message) => {
      let statusCode: number | null = null;
      let error: string;
      try {
        const outcome = await args.sender.send(message, JSON.stringify(message.payload), { ttlSeconds: READY_TTL_SECONDS, urgency: "high" });
        statusCode = outcome.statusCode;
        error = `${outcome.statusCode} ${outcome.body}`.trim();
      } catch (cause) {
        error = cause instanceof Error ? cause.message : String(cause);
      }
      if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
        await db.update(pushOutbox).set({ status: "sent", sentAt: now, lastError: null }).where(eq(pushOutbox.id, message.id));
        await db.update(pushSubscriptions).set({ lastSentAt: now }).where(eq(pushSubscriptions.id, message.subscription_id));
        result.sent++;
      } else if (statusCode === 404 || statusCode === 410) {
        await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, message.subscription_id));
        result.gone++;
      } else if (message.attempts >= PUSH_MAX_ATTEMPTS) {
        await db.update(pushOutbox).set({ status: "failed", lastError: error }).where(eq(pushOutbox.id, message.id));
        result.failed++;
      } else {
        await db
          .update(pushOutbox)
          .set({ nextAttemptAt: new Date(now.getTime() + pushBackoffMs(message.attempts)), lastError: error.slice(0, 500) })
          .where(eq(pushOutbox.id, message.id));
        result.retrying++;
      }
    }),
  );
  return result;
}
