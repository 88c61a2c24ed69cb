import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { daysBetween, monthRange } from "./period";

/**
 * What the company owes the cafe operator for a month of meal vouchers. A voucher use is a
 * `payment_tenders` row of kind voucher: the value moved by its ledger transfer from the
 * employee's voucher grant to the store's revenue. It counts on its order's business day
 * (the store's calendar day), net of what has been refunded of it, so the month's total is
 * exactly the voucher payments of the month's orders minus their voucher refunds in the ledger.
 * A department is the payer's department today (employees carry no department history).
 */
export type SettlementCell = { uses: number; paid: bigint; refunded: bigint; net: bigint };
export type SettlementDetail = SettlementCell & { day: string; storeId: string; departmentId: string | null };

const zero = (): SettlementCell => ({ uses: 0, paid: 0n, refunded: 0n, net: 0n });
const add = (into: SettlementCell, row: SettlementCell) => {
  into.uses += row.uses;
  into.paid += row.paid;
  into.refunded += row.refunded;
  into.net += row.net;
  return into;
};

/** Sums rows into cells keyed by `keyOf`, in first-seen order. */
export function sumBy<T extends SettlementCell, K>(rows: readonly T[], keyOf: (row: T) => K) {
  const cells = new Map<K, SettlementCell>();
  for (const row of rows) {
    const key = keyOf(row);
    cells.set(key, add(cells.get(key) ?? zero(), row));
  }
  return cells;
}

/** The month's voucher uses at the finest grain finance asks for: day × store × department. */
export async function settlementDetail(tx: DbOrTx, range: { from: string; to: string }): Promise<SettlementDetail[]> {
  // The rollup kept by the payment and refund transactions (migration 0016), summed over its shards.
  const rows = (await tx.execute(sql`
    select business_date::text as day, store_id, department_id,
           sum(uses)::int as uses, sum(paid)::text as paid, sum(refunded)::text as refunded
      from report_voucher_spend
     where business_date between ${range.from}::date and ${range.to}::date
     group by 1, 2, 3
    having sum(uses) > 0`)) as unknown as { day: string; store_id: string; department_id: string | null; uses: number; paid: string; refunded: string }[];
  return rows.map((row) => {
    const paid = BigInt(row.paid);
    const refunded = BigInt(row.refunded);
    return { day: row.day, storeId: row.store_id, departmentId: row.department_id, uses: row.uses, paid, refunded, net: paid - refunded };
  });
}

export type Settlement = Awaited<ReturnType<typeof monthlySettlement>>;

/**
 * The month per store, per store and day (every day of the month, empty ones as zero) and per
 * store and department, with totals. One scan of the month; the views are sums of its rows.
 */
export async function monthlySettlement(args: { tx: DbOrTx; input: { month: string } }) {
  const { tx, input } = args;
  const range = monthRange(input.month);
  const [detail, storeRows, departmentRows] = await Promise.all([
    settlementDetail(tx, range),
    tx.execute(sql`select id, code, name_ko, name_en from stores order by code`) as unknown as Promise<{ id: string; code: string; name_ko: string; name_en: string }[]>,
    tx.execute(sql`select id, code, name_ko, name_en from departments order by name_ko`) as unknown as Promise<{ id: string; code: string; name_ko: string; name_en: string }[]>,
  ]);
  const byStore = sumBy(detail, (row) => row.storeId);
  const byStoreDay = sumBy(detail, (row) => `${row.storeId}|${row.day}`);
  const byStoreDepartment = sumBy(detail, (row) => `${row.storeId}|${row.departmentId ?? ""}`);
  const departmentName = new Map(departmentRows.map((d) => [d.id, { nameKo: d.name_ko, nameEn: d.name_en, code: d.code }]));
  const days = daysBetween(range.from, range.to);

  // Every store that sold anything by voucher this month, in code order.
  const stores = storeRows
    .filter((store) => byStore.has(store.id))
    .map((store) => ({
      storeId: store.id,
      code: store.code,
      nameKo: store.name_ko,
      nameEn: store.name_en,
      total: byStore.get(store.id) ?? zero(),
      days: days.map((day) => ({ day, ...(byStoreDay.get(`${store.id}|${day}`) ?? zero()) })),
      departments: [...byStoreDepartment.entries()]
        .filter(([key]) => key.startsWith(`${store.id}|`))
        .map(([key, cell]) => {
          const departmentId = key.slice(store.id.length + 1) || null;
          const name = departmentId ? departmentName.get(departmentId) : undefined;
          return { departmentId, nameKo: name?.nameKo ?? null, nameEn: name?.nameEn ?? null, ...cell };
        })
        .sort((a, b) => (a.net === b.net ? (a.nameKo ?? "").localeCompare(b.nameKo ?? "") : a.net > b.net ? -1 : 1)),
    }));
  const total = detail.reduce((sum, row) => add(sum, row), zero());
  return {
    month: input.month,
    from: range.from,
    to: range.to,
    stores,
    total,
    /** Day × store × department, for the export finance pivots in Excel. */
    detail: detail
      .map((row) => {
        const store = storeRows.find((s) => s.id === row.storeId);
        const name = row.departmentId ? departmentName.get(row.departmentId) : undefined;
        return { ...row, storeKo: store?.name_ko ?? "", storeEn: store?.name_en ?? "", departmentKo: name?.nameKo ?? null, departmentEn: name?.nameEn ?? null };
      })
      .sort((a, b) => a.day.localeCompare(b.day) || a.storeKo.localeCompare(b.storeKo) || (a.departmentKo ?? "").localeCompare(b.departmentKo ?? "")),
  };
}
