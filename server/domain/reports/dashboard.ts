import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { Meal } from "@/db/schema";
import { addDays, checkRange, daysBetween } from "./period";

export type DashboardInput = { from: string; to: string; storeId?: string | null };

const MEALS: readonly Meal[] = ["breakfast", "lunch", "dinner"];
const storeFilter = (storeId: string | null | undefined) => (storeId ? sql`and o.store_id = ${storeId}::uuid` : sql``);

/**
 * Voucher spend in a range of business days, by day, meal and department, from one grouped scan
 * of the voucher uses (the same rows as the settlement: tenders of kind voucher, net of refunds).
 */
export async function voucherSpend(args: { tx: DbOrTx; input: DashboardInput }) {
  const { tx } = args;
  const input = checkRange(args.input);
  const rows = (await tx.execute(sql`
    select o.business_date::text as day, g.meal::text as meal, u.department_id,
           count(*)::int as uses, sum(t.amount - t.refunded_amount)::text as net
      from orders o
      join payment_tenders t on t.order_id = o.id and t.kind = 'voucher'
      join voucher_grants g on g.id = t.grant_id
      left join users u on u.id = t.payer_id
     where o.business_date between ${input.from}::date and ${input.to}::date ${storeFilter(input.storeId)}
     group by 1, 2, 3`)) as unknown as { day: string; meal: Meal; department_id: string | null; uses: number; net: string }[];
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
 * refunds, whenever it was spent. Company-wide: a grant belongs to no store.
 */
export async function voucherUsage(args: { tx: DbOrTx; input: DashboardInput }) {
  const { tx } = args;
  const input = checkRange(args.input);
  const [row] = (await tx.execute(sql`
    with given as (
      select id, amount from voucher_grants
       where status <> 'revoked' and service_date between ${input.from}::date and ${input.to}::date
      union all
      select id, amount from voucher_grants
       where status <> 'revoked' and service_date is null
         and valid_from >= (${input.from}::date::timestamp at time zone 'Asia/Seoul')
         and valid_from < (${addDays(input.to, 1)}::date::timestamp at time zone 'Asia/Seoul')
    )
    select (select count(*)::int from given) as grants,
           (select coalesce(sum(amount), 0)::text from given) as granted,
           (select coalesce(sum(t.amount - t.refunded_amount), 0)::text
              from given join payment_tenders t on t.grant_id = given.id and t.kind = 'voucher') as used`)) as unknown as {
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
    select l.menu_item_id, min(l.name_ko) as name_ko, min(l.name_en) as name_en,
           sum(l.quantity - l.refunded_quantity)::int as quantity,
           sum(l.unit_price * (l.quantity - l.refunded_quantity))::text as amount
      from orders o
      join order_lines l on l.order_id = o.id
     where o.business_date between ${input.from}::date and ${input.to}::date ${storeFilter(input.storeId)}
       and exists (select 1 from payment_tenders t where t.order_id = o.id and t.kind = 'voucher')
     group by l.menu_item_id
    having sum(l.quantity - l.refunded_quantity) > 0
     order by 4 desc, sum(l.unit_price * (l.quantity - l.refunded_quantity)) desc, 2
     limit ${input.limit ?? 10}`)) as unknown as { menu_item_id: string; name_ko: string; name_en: string; quantity: number; amount: string }[];
  return rows.map((row) => ({ itemId: row.menu_item_id, nameKo: row.name_ko, nameEn: row.name_en, quantity: row.quantity, amount: BigInt(row.amount) }));
}

export async function dashboard(args: { tx: DbOrTx; input: DashboardInput }) {
  const [spend, usage, topItems] = await Promise.all([voucherSpend(args), voucherUsage(args), topVoucherItems(args)]);
  return { from: args.input.from, to: args.input.to, spend, usage, topItems };
}
