import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "../audit";
import { notFound } from "../errors";

/**
 * Ends every session of a person (a lost phone, a shared computer): sessions issued before
 * this moment are refused on their next request. Pay devices stay registered; revoking one
 * is a separate step.
 */
export async function signOutEverywhere(args: { tx: DbOrTx; input: { userId: string; requestId?: string | null } }) {
  const { tx, input } = args;
  // clock_timestamp(), not now(): the moment of this statement, never earlier than a token
  // issued while the surrounding transaction was already open.
  const [row] = await tx
    .update(users)
    .set({ sessionsValidFrom: sql`clock_timestamp()`, updatedAt: sql`now()` })
    .where(eq(users.id, input.userId))
    .returning({ sessionsValidFrom: users.sessionsValidFrom });
  if (!row?.sessionsValidFrom) throw notFound("userNotFound", `user ${input.userId} not found`);
  await recordAudit(tx, {
    actorId: input.userId,
    action: "user.sign_out_everywhere",
    entityType: "user",
    entityId: input.userId,
    after: { sessionsValidFrom: row.sessionsValidFrom },
    requestId: input.requestId ?? null,
  });
  return { sessionsValidFrom: row.sessionsValidFrom };
}
