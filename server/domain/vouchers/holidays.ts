import { and, asc, eq, gte, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { publicHolidays } from "@/db/schema";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";

export function listHolidays(args: { tx: DbOrTx; input: { year: number } }) {
  const { tx, input } = args;
  return tx
    .select()
    .from(publicHolidays)
    .where(and(gte(publicHolidays.day, `${input.year}-01-01`), lte(publicHolidays.day, `${input.year}-12-31`)))
    .orderBy(asc(publicHolidays.day));
}

export async function addHoliday(args: {
  tx: DbOrTx;
  input: { day: string; nameKo: string; nameEn: string; actorId: string; requestId?: string | null };
}) {
  const { tx, input } = args;
  const [row] = await tx
    .insert(publicHolidays)
    .values({ day: input.day, nameKo: input.nameKo, nameEn: input.nameEn, createdBy: input.actorId })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new DomainError("CONFLICT", "holidayExists", "that date is already a holiday");
  await recordAudit(tx, { actorId: input.actorId, action: "holiday.add", entityType: "public_holiday", entityId: input.day, after: row, requestId: input.requestId });
  return row;
}

export async function removeHoliday(args: { tx: DbOrTx; input: { day: string; actorId: string; requestId?: string | null } }) {
  const { tx, input } = args;
  const [row] = await tx.delete(publicHolidays).where(eq(publicHolidays.day, input.day)).returning();
  if (!row) throw new DomainError("NOT_FOUND", "holidayNotFound", "that date is not in the holiday calendar");
  await recordAudit(tx, { actorId: input.actorId, action: "holiday.remove", entityType: "public_holiday", entityId: input.day, before: row, requestId: input.requestId });
  return row;
}
