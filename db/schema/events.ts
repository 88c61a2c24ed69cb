import { bigint, bigserial, index, jsonb, pgTable, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Order events, kept so a server-sent event stream can resume (`Last-Event-ID`) on any
 * replica. `seq` is given at commit by a deferred trigger (db/migrations/0014_replicas.sql),
 * in commit order, and is null until then; the NOTIFY carries it.
 */
export const orderEvents = pgTable(
  "order_events",
  {
    id: bigserial({ mode: "bigint" }).primaryKey(),
    seq: bigint({ mode: "bigint" }),
    storeId: uuid().notNull(),
    orderId: uuid().notNull(),
    payerIds: uuid().array().notNull().default([]),
    payload: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("order_events_seq_idx").on(t.seq),
    index("order_events_store_seq_idx").on(t.storeId, t.seq),
    index("order_events_created_idx").on(t.createdAt),
  ],
);
