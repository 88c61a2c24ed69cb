import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ledgerTransfers } from "./ledger";
import { orders } from "./orders";
import { users } from "./users";

/** What a card payment through the PG (Toss Payments shape) is for. */
export const pgPaymentPurpose = pgEnum("pg_payment_purpose", ["top_up", "order"]);
/** Toss Payments' payment statuses, in lower case; `ready` is ours: stored before checkout, not yet confirmed. */
export const pgPaymentStatus = pgEnum("pg_payment_status", [
  "ready",
  "in_progress",
  "done",
  "canceled",
  "partial_canceled",
  "aborted",
  "expired",
]);

/**
 * One card payment through the PG, stored before the checkout page opens so the amount the
 * confirm carries can be checked against it. `pgOrderId` is the `orderId` the PG sees;
 * `paymentKey` arrives with the success redirect. The ledger movement it caused is linked,
 * so a second confirm or webhook finds it already done.
 */
export const pgPayments = pgTable(
  "pg_payments",
  {
    id: uuid().primaryKey().defaultRandom(),
    pgOrderId: text().notNull(),
    provider: text().notNull(),
    purpose: pgPaymentPurpose().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    orderId: uuid().references(() => orders.id),
    orderName: text().notNull(),
    amount: bigint({ mode: "bigint" }).notNull(),
    status: pgPaymentStatus().notNull().default("ready"),
    paymentKey: text(),
    method: text(),
    /** A masked label from the PG (e.g. "신한 ****1234"), never a card number. */
    cardLabel: text(),
    approvedAt: timestamp({ withTimezone: true }),
    canceledAmount: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    failureCode: text(),
    failureMessage: text(),
    transferId: uuid().references(() => ledgerTransfers.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("pg_payments_pg_order_id_key").on(t.pgOrderId),
    uniqueIndex("pg_payments_payment_key_key").on(t.paymentKey),
    index("pg_payments_user_idx").on(t.userId, t.createdAt),
    check("pg_payments_amount_positive", sql`${t.amount} > 0`),
    check("pg_payments_cancel_bound", sql`${t.canceledAmount} >= 0 and ${t.canceledAmount} <= ${t.amount}`),
  ],
);

/** Every webhook the PG sent, verified or not, kept as received; processing re-reads the payment from the PG. */
export const pgWebhookEvents = pgTable(
  "pg_webhook_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    provider: text().notNull(),
    eventType: text().notNull(),
    paymentKey: text(),
    verified: text().notNull(),
    body: jsonb().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
    outcome: text(),
  },
  (t) => [index("pg_webhook_events_payment_idx").on(t.paymentKey, t.receivedAt)],
);

/**
 * The sandbox PG's own books: it is a separate service in spirit (Canteen talks to it over
 * HTTP only), kept in the same database so it survives restarts and works across replicas.
 */
export const sandboxPgPayments = pgTable(
  "sandbox_pg_payments",
  {
    paymentKey: text().primaryKey(),
    orderId: text().notNull(),
    orderName: text().notNull(),
    amount: bigint({ mode: "bigint" }).notNull(),
    balanceAmount: bigint({ mode: "bigint" }).notNull(),
    status: pgPaymentStatus().notNull(),
    method: text(),
    cardLabel: text(),
    successUrl: text().notNull(),
    failUrl: text().notNull(),
    customerKey: text(),
    approvedAt: timestamp({ withTimezone: true }),
    cancels: jsonb().$type<{ cancelAmount: string; cancelReason: string; canceledAt: string; transactionKey: string }[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("sandbox_pg_payments_order_id_key").on(t.orderId)],
);
