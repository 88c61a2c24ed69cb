import { desc, eq, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { mealAllowanceSettings } from "@/db/schema";
import { recordAudit } from "../audit";

/** The tax-free monthly meal allowance since 2023 (소득세법 시행령 제17조의2): ₩200,000. */
export const DEFAULT_MEAL_ALLOWANCE = 200_000n;

/** The cap in force for a month (YYYY-MM): the latest setting from that month or before, else the default. */
export async function mealAllowanceFor(tx: DbOrTx, month: string) {
  const [row] = await tx
    .select()
    .from(mealAllowanceSettings)
    .where(lte(mealAllowanceSettings.effectiveMonth, `${month}-01`))
    .orderBy(desc(mealAllowanceSettings.effectiveMonth))
    .limit(1);
  return { amount: row?.monthlyAmount ?? DEFAULT_MEAL_ALLOWANCE, effectiveMonth: row ? row.effectiveMonth.slice(0, 7) : null, isDefault: !row };
}

/** Every change so far, newest first. */
export async function mealAllowanceHistory(tx: DbOrTx) {
  const rows = await tx.select().from(mealAllowanceSettings).orderBy(desc(mealAllowanceSettings.effectiveMonth));
  return rows.map((row) => ({ effectiveMonth: row.effectiveMonth.slice(0, 7), amount: row.monthlyAmount, updatedAt: row.updatedAt }));
}

/** Sets the cap from a month on; months before keep theirs. Audited with what it was. */
export async function setMealAllowance(args: {
  tx: DbOrTx;
  input: { effectiveMonth: string; amount: bigint; actorId: string; requestId?: string | null; now: Date };
}) {
  const { tx, input } = args;
  const day = `${input.effectiveMonth}-01`;
  const before = await mealAllowanceFor(tx, input.effectiveMonth);
  const [existing] = await tx.select().from(mealAllowanceSettings).where(eq(mealAllowanceSettings.effectiveMonth, day)).for("update");
  await tx
    .insert(mealAllowanceSettings)
    .values({ effectiveMonth: day, monthlyAmount: input.amount, updatedBy: input.actorId, updatedAt: input.now })
    .onConflictDoUpdate({
      target: mealAllowanceSettings.effectiveMonth,
      set: { monthlyAmount: input.amount, updatedBy: input.actorId, updatedAt: input.now },
    });
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "meal_allowance.set",
    entityType: "meal_allowance",
    entityId: input.effectiveMonth,
    before: existing ? { amount: existing.monthlyAmount } : { amount: before.amount, inheritedFrom: before.effectiveMonth },
    after: { amount: input.amount },
    requestId: input.requestId ?? null,
  });
  return { effectiveMonth: input.effectiveMonth, amount: input.amount };
}
