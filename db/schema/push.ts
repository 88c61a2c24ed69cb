import { sql } from "drizzle-orm";
import { integer, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/** A browser's Web Push subscription for one employee (the pay app on one phone). */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    endpoint: text().notNull(),
    p256dh: text().notNull(),
    auth: text().notNull(),
    userAgent: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSentAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("push_subscriptions_endpoint_key").on(t.endpoint), index("push_subscriptions_user_idx").on(t.userId)],
);

export const pushStatus = pgEnum("push_status", ["pending", "sent", "failed", "gone"]);

/**
 * Push messages to send, one per subscription: written in the transaction that caused them
 * (an order turning ready), sent after commit and retried with backoff by the jobs runner.
 * `dedupeKey` makes "ready" notify once however often the status is set.
 */
export const pushOutbox = pgTable(
  "push_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    subscriptionId: uuid()
      .notNull()
      .references(() => pushSubscriptions.id, { onDelete: "cascade" }),
    dedupeKey: text().notNull(),
    payload: jsonb().notNull(),
    status: pushStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("push_outbox_dedupe_key").on(t.subscriptionId, t.dedupeKey),
    index("push_outbox_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** Keys Canteen makes for itself on first start (the VAPID key pair), shared by every replica. */
export const serverKeys = pgTable("server_keys", {
  name: text().primaryKey(),
  value: jsonb().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
