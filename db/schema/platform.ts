import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { stores } from "./org";
import { users } from "./users";

/**
 * Idempotency keys (Stripe's model): per caller and procedure, the request's fingerprint
 * and the stored result. Kept at least 24 hours; see server/domain/idempotency.ts.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    scope: text().notNull(),
    procedure: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    response: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "idempotency_keys_pkey", columns: [t.scope, t.procedure, t.key] }),
    index("idempotency_keys_created_idx").on(t.createdAt),
  ],
);

/** Who changed what, when, with the state before and after. Append-only. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid().primaryKey().defaultRandom(),
    actorId: uuid().references(() => users.id),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    requestId: text(),
    /** The store the change belongs to, when it belongs to one (menu, settings, devices, refunds, day close). */
    storeId: uuid().references(() => stores.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_actor_created_idx").on(t.actorId, t.createdAt),
    index("audit_log_action_created_idx").on(t.action, t.createdAt),
    index("audit_log_store_created_idx").on(t.storeId, t.createdAt),
  ],
);
