import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { pgPayments } from "@/db/schema";
import type { PgStatus } from "@/server/providers/payment-provider";

export type PgPaymentRow = typeof pgPayments.$inferSelect;
export type StoredPgStatus = PgPaymentRow["status"];

export const storedStatus = (status: PgStatus) => status.toLowerCase() as StoredPgStatus;

/** Statuses after which the PG holds the money (some of it may have been given back since). */
export const SETTLED_STATUSES: readonly StoredPgStatus[] = ["done", "partial_canceled", "canceled"];
/** Statuses in which nothing was charged and nothing will be. */
export const FAILED_STATUSES: readonly StoredPgStatus[] = ["aborted", "expired"];

export async function pgPaymentByOrderId(tx: DbOrTx, pgOrderId: string) {
  const [row] = await tx.select().from(pgPayments).where(eq(pgPayments.pgOrderId, pgOrderId));
  return row ?? null;
}

/** The payment row, locked: every change of a PG payment takes this lock first, then the ledger accounts. */
export async function lockPgPayment(tx: DbOrTx, id: string) {
  const [row] = await tx.select().from(pgPayments).where(eq(pgPayments.id, id)).for("update");
  return row ?? null;
}
