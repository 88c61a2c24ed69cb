import superjson from "superjson";
import type { DbOrTx } from "@/db/client";
import { auditLog } from "@/db/schema";

export type AuditInput = {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  /** The store the change belongs to, so HR can read one store's trail. */
  storeId?: string | null;
};

// superjson keeps bigint amounts exact in the JSON column.
const toJson = (value: unknown) => (value === undefined ? null : superjson.serialize(value).json);

export async function recordAudit(tx: DbOrTx, input: AuditInput) {
  await tx.insert(auditLog).values({
    actorId: input.actorId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: toJson(input.before),
    after: toJson(input.after),
    requestId: input.requestId ?? null,
    storeId: input.storeId ?? null,
  });
}
