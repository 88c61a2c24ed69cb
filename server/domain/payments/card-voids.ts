import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";

export type UnresolvedCardVoid = {
  /** The audit row's id. */
  id: string;
  reference: string;
  terminalId: string;
  /** Null when the terminal never answered (a time-out whose cancel failed): check the terminal's own list. */
  approvalNumber: string | null;
  amount: bigint;
  /** The message key of why the sale was not recorded. */
  cause: string;
  at: Date;
};

type Row = { id: string; reference: string; after: Record<string, unknown> | null; created_at: Date | string };

/**
 * Card approvals of the store's day that Canteen did not record and could not void
 * (`card.void_failed` in the audit log) and that nobody has marked voided by hand since:
 * the day close shows them so the terminal's total and Canteen's agree.
 */
export async function listUnresolvedCardVoids(args: { tx: DbOrTx; input: { storeId: string; now: Date } }): Promise<UnresolvedCardVoid[]> {
  const { tx, input } = args;
  const rows = (await tx.execute(sql`
    select a.id::text, a.entity_id as reference, a.after, a.created_at
    from audit_log a
    join stores s on s.id::text = a.after->>'storeId'
    where a.action = 'card.void_failed'
      and a.entity_type = 'card_charge'
      and s.id = ${input.storeId}
      and (a.created_at at time zone s.time_zone)::date = (${input.now.toISOString()}::timestamptz at time zone s.time_zone)::date
      and not exists (
        select 1 from audit_log r
        where r.action = 'card.void_resolved' and r.entity_type = 'audit_log' and r.entity_id = a.id::text
      )
    order by a.created_at`)) as unknown as Row[];
  return rows.map((row) => {
    const after = row.after ?? {};
    return {
      id: row.id,
      reference: row.reference,
      terminalId: typeof after.terminalId === "string" ? after.terminalId : "",
      approvalNumber: typeof after.approvalNumber === "string" ? after.approvalNumber : null,
      // recordAudit stores bigints through superjson's JSON half, as digits.
      amount: BigInt(typeof after.amount === "string" || typeof after.amount === "number" ? after.amount : 0),
      cause: typeof after.cause === "string" ? after.cause : "",
      at: new Date(row.created_at),
    };
  });
}

/** The barista voided it on the terminal by hand: it leaves the day close's list, with who and when. */
export async function resolveCardVoid(args: { tx: DbOrTx; input: { id: string; storeId: string; actorId: string; now: Date } }) {
  const { tx, input } = args;
  const open = await listUnresolvedCardVoids({ tx, input: { storeId: input.storeId, now: input.now } });
  const entry = open.find((candidate) => candidate.id === input.id);
  if (!entry) throw new DomainError("NOT_FOUND", "cardVoidNotFound", "no unresolved card void with this id at this store today");
  await recordAudit(tx, {
    actorId: input.actorId,
    storeId: input.storeId,
    action: "card.void_resolved",
    // It settles the audit row that reported the failed void.
    entityType: "audit_log",
    entityId: entry.id,
    before: { approvalNumber: entry.approvalNumber, amount: entry.amount },
    after: { storeId: input.storeId, voidedBy: "hand" },
  });
  return { id: entry.id };
}
