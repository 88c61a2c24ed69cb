import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { Meal } from "@/db/schema";
import { checkRange, daysBetween } from "./period";

export type DashboardInput = { from: string; to: string; storeId?: string | null };

const MEALS: readonly Meal[] = ["breakfast", "lunch", "dinner"];
const storeFilter = (storeId: string | null | undefined) => (storeId ? sql`and store_id = ${storeId}::uuid` : sql``);

/**
 * Voucher spend in a range of business days, by day, meal and department: the settlement's
 * rollup of voucher tenders (net of refunds), those with a grant, summed over its shards.
 */
export async function voucherSpend(args: { tx: DbOrTx; input: DashboardInput }) {
  const { tx } = args;
  const input = checkRange(args.input);
  const rows = (await tx.execute(sql`
    select business_date::text as day, meal::text as meal, department_id,
           sum(uses)::int as uses, sum(paid - refunded)::text as net
      from report_voucher_spend
     where business_date between ${input.from}::date and ${input.to}::date and meal is not null ${storeFilter(input.storeId)}
     group by 1, 2, 3
    having sum(uses) > 0`)) as unknown as { day: string; meal: Meal; department_id: string | null; uses: number; net: string }[];
  const departments = (await tx.execute(sql`select id, name_ko, name_en from departments`)) as unknown as { id: string; name_ko: string; name_en: string }[];

  const byDay = new Map<string, bigint>();
  const byMeal = new Map<Meal, bigint>();
  const byDepartment = new Map<string, bigint>();
  let total = 0n;
  let uses = 0;
  for (const row of rows) {
    const net = BigInt(row.net);
    total += net;
    uses += row.uses;
    byDay.set(row.day, (byDay.get(row.day) ?? 0n) + net);
    byMeal.set(row.meal, (byMeal.get(row.meal) ?? 0n) + net);
    byDepartment.set(row.department_id ?? "", (byDepartment.get(row.department_id ?? "") ?? 0n) + net);
  }
  const names = new Map(departments.map((d) => [d.id, d]));
  return {
    total,
    uses,
    byDay: daysBetween(input.from, input.to).map((day) => ({ day, amount: byDay.get(day) ?? 0n })),
    byMeal: MEALS.map((meal) => ({ meal, amount: byMeal.get(meal) ?? 0n })),
    byDepartment: [...byDepartment.entries()]
      .map(([id, amount]) => ({ departmentId: id || null, nameKo: names.get(id)?.name_ko ?? null, nameEn: names.get(id)?.name_en ?? null, amount }))
      .sort((a, b) => (a.amount === b.amount ? 0 : a.amount > b.amount ? -1 : 1)),
  };
}

/**
 * Of the vouchers given for the range's days (a grant's service day, or the day it starts for
 * grants without one, such as adjustments; revoked ones left out), how much was spent, net of
 * refunds, whenever it was spent. Company-wide: a grant belongs to no store. Read from the
 * rollup by grant day, kept where grants are given, revoked and spent (migration 0016).
 */
export async function voucherUsage(args: { tx: DbOrTx; input: DashboardInput }) {
  const { tx } = args;
  const input = checkRange(args.input);
  const [row] = (await tx.execute(sql`
    select coalesce(sum(grants), 0)::int as grants, coalesce(sum(granted), 0)::text as granted, coalesce(sum(used), 0)::text as used
      from report_voucher_granted
     where grant_day between ${input.from}::date and ${input.to}::date`)) as unknown as {
    grants: number;
    granted: string;
    used: string;
  }[];
  const granted = BigInt(row?.granted ?? "0");
  const used = BigInt(row?.used ?? "0");
  // Basis points, rounded down: a rate is shown, never summed, so an integer ratio is enough.
  return { grants: row?.grants ?? 0, granted, used, unused: granted - used, rateBasisPoints: granted > 0n ? Number((used * 10_000n) / granted) : null };
}

/** The items most bought in orders paid at least partly by voucher, by quantity kept (refunded quantities left out). */
export async function topVoucherItems(args: { tx: DbOrTx; input: DashboardInput & { limit?: number } }) {
  const { tx } = args;
  const input = checkRange(args.input);
  const rows = (await tx.execute(sql`
    select menu_item_id, min(name_ko) as name_ko, min(name_en) as name_en, sum(quantity)::int as quantity, sum(amount)::text as amount
      from report_voucher_items
     where business_date between ${input.from}::date and ${input.to}::date ${storeFilter(input.storeId)}
     group by menu_item_id
    having sum(quantity) > 0
     order by 4 desc, sum(amount) desc, 2
     limit ${input.limit ?? 10}`)) as unknown as { menu_item_id: string; name_ko: string; name_en: string; quantity: number; amount: string }[];
  return rows.map((row) => ({ itemId: row.menu_item_id, nameKo: row.name_ko, nameEn: row.name_en, quantity: row.quantity, amount: BigInt(row.amount) }));
}

export async function dashboard(args: { tx: DbOrTx; input: DashboardInput }) {
  const [spend, usage, topItems] = await Promise.all([voucherSpend(args), voucherUsage(args), topVoucherItems(args)]);
  return { from: args.input.from, to: args.input.to, spend, usage, topItems };
}
