import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { meal as mealEnum, type Meal } from "@/db/schema";
import { HISTORY_TIME_ZONE, seoulMonthRange } from "./month";

export type VoucherUse = {
  month: string;
  /** Net of refunds: a voucher share given back was not used. */
  total: bigint;
  /** Seoul calendar days on which a voucher paid for something. */
  days: number;
  meals: { meal: Meal; amount: bigint; days: number }[];
};

/**
 * What this employee's meal vouchers paid in a Seoul month, per meal. Starts from their own
 * grants (voucher_grants_employee_idx; one that ended before the month cannot have paid in
 * it) and reaches the tenders by payment_tenders_grant_idx.
 */
export async function voucherUse(args: { tx: DbOrTx; input: { employeeId: string; month: string } }): Promise<VoucherUse> {
  const { tx, input } = args;
  const rows = (await tx.execute(voucherUseQuery(input.employeeId, seoulMonthRange(input.month)))) as unknown as {
    meal: Meal;
    day: string;
    used: string;
  }[];

  const meals = mealEnum.enumValues.map((meal) => {
    const mine = rows.filter((row) => row.meal === meal);
    return { meal, amount: mine.reduce((sum, row) => sum + BigInt(row.used), 0n), days: mine.length };
  });
  return {
    month: input.month,
    total: meals.reduce((sum, entry) => sum + entry.amount, 0n),
    days: new Set(rows.map((row) => row.day)).size,
    meals,
  };
}

/** Net voucher use per meal and Seoul day in a month. Exported so a test can check its plan. */
export function voucherUseQuery(employeeId: string, range: { from: Date; to: Date }): SQL {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  return sql`
    select g.meal::text as meal, (o.created_at at time zone ${HISTORY_TIME_ZONE})::date::text as day,
           sum(t.amount - t.refunded_amount)::text as used
      from voucher_grants g
      join payment_tenders t on t.grant_id = g.id
      join orders o on o.id = t.order_id
     where g.employee_id = ${employeeId} and g.valid_until > ${from}::timestamptz
       and t.payer_id = ${employeeId}
       and o.created_at >= ${from}::timestamptz and o.created_at < ${to}::timestamptz
     group by 1, 2
    having sum(t.amount - t.refunded_amount) > 0`;
}
