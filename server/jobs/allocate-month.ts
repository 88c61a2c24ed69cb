import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, voucherPolicies } from "@/db/schema";
import { executeAllocation } from "@/server/domain/vouchers/allocation";

/** The calendar month after `now` in Seoul, as YYYY-MM. */
export function nextMonthOf(now: Date): string {
  const seoul = new Date(now.getTime() + 9 * 3_600_000);
  const year = seoul.getUTCFullYear();
  const month = seoul.getUTCMonth() + 1; // 1..12, this month
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
}

/**
 * The scheduled allocation: every policy for one month, as HR would run it by hand.
 * executeAllocation holds its own lock and skips grants that exist, so a second run (another
 * replica, a retried CronJob) creates nothing twice.
 */
export async function allocateMonth(db: Db, input: { month: string; actorEmail?: string; now: Date }) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month)) throw new Error(`month must be YYYY-MM, not ${input.month}`);
  const [year, month] = input.month.split("-").map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const periodStart = `${input.month}-01`;
  const periodEnd = `${input.month}-${String(lastDay).padStart(2, "0")}`;
  const [actor] = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(input.actorEmail ? and(eq(users.email, input.actorEmail), eq(users.role, "hr_admin")) : eq(users.role, "hr_admin"))
    .orderBy(asc(users.email))
    .limit(1);
  if (!actor) throw new Error(input.actorEmail ? `${input.actorEmail} is not an HR admin` : "no HR admin to run the allocation as");
  // Every policy: a version switched off (active = false) gives nothing for its days.
  const policies = await db.select({ id: voucherPolicies.id }).from(voucherPolicies);
  if (policies.length === 0) return { periodStart, periodEnd, actor: actor.email, grants: 0 };
  const result = await db.transaction((tx) =>
    executeAllocation({ tx, input: { periodStart, periodEnd, policyIds: policies.map((p) => p.id), now: input.now, actorId: actor.id } }),
  );
  return { periodStart, periodEnd, actor: actor.email, result };
}
