import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

export type LedgerCheck = { name: string; breaches: number; examples: string[] };
export type LedgerReport = {
  ok: boolean;
  transfers: number;
  entries: number;
  accounts: number;
  paidOrders: number;
  checks: LedgerCheck[];
};

const EXAMPLES = 5;

/**
 * A report rollup (summed over its shards) against its from-scratch view (migration 0016):
 * each row of one that the other lacks (a key whose figures differ shows once from each side).
 * Keys whose figures are all zero count as absent.
 */
function rollupDiffers(rollup: string, keys: readonly string[], sums: readonly string[], extra: readonly string[] = []) {
  const keyList = keys.join(", ");
  const summed = [...sums.map((c) => `sum(${c})::bigint as ${c}`), ...extra.map((c) => `min(${c}) as ${c}`)].join(", ");
  const plain = [...sums, ...extra].join(", ");
  const nonZero = sums.map((c) => `sum(${c}) <> 0`).join(" or ");
  // EXCEPT both ways: it hashes whole rows and treats a null department or meal as equal to itself.
  return sql.raw(`
    with kept as (select ${keyList}, ${summed} from ${rollup} group by ${keyList} having ${nonZero}),
         recomputed as (select ${keyList}, ${plain} from ${rollup}_recomputed where ${sums.map((c) => `${c} <> 0`).join(" or ")})
    select 'kept ' || row(k.*)::text || ', which a recomputation does not give' as example
      from (select * from kept except all select * from recomputed) k
    union all
    select 'recomputed ' || row(r.*)::text || ', which is not kept' as example
      from (select * from recomputed except all select * from kept) r`);
}

type Check = (name: string, query: ReturnType<typeof sql>) => Promise<LedgerCheck>;

function reportRollupChecks(check: Check) {
  return [
    check("the voucher spend rollup equals its tenders", rollupDiffers("report_voucher_spend", ["business_date", "store_id", "department_id", "meal"], ["uses", "paid", "refunded"])),
    check("the monthly voucher use rollup equals its tenders", rollupDiffers("report_voucher_use_monthly", ["month", "payer_id"], ["uses", "paid", "refunded"])),
    check("the voucher granted rollup equals its grants and tenders", rollupDiffers("report_voucher_granted", ["grant_day"], ["grants", "granted", "used"])),
    check("the voucher items rollup equals its order lines", rollupDiffers("report_voucher_items", ["business_date", "store_id", "menu_item_id"], ["quantity", "amount"], ["name_ko", "name_en"])),
  ];
}

/** Only the report rollups against their recomputation: what the report bench checks after its bulk load. */
export async function verifyReportRollups(db: DbOrTx): Promise<LedgerCheck[]> {
  return Promise.all(reportRollupChecks(checker(db)));
}

function checker(db: DbOrTx): Check {
  return async (name, query) => {
    const found = (await db.execute(query)) as unknown as Record<string, string>[];
    return { name, breaches: found.length, examples: found.slice(0, EXAMPLES).map((row) => row.example ?? "") };
  };
}

/**
 * Re-derives everything the cached state claims: each transfer sums to zero, each cached
 * balance equals its entries, no wallet or voucher is negative, and each paid order's
 * tenders add up to its total (and refunds to what was refunded), and the report rollups
 * equal a recomputation from tenders, lines and grants.
 */
export async function verifyLedger(db: DbOrTx): Promise<LedgerReport> {
  const rows = async (query: ReturnType<typeof sql>) => (await db.execute(query)) as unknown as Record<string, string>[];
  const check = checker(db);

  const checks = await Promise.all([
    check(
      "every transfer sums to zero and has two or more entries",
      sql`select t.id || ' sums to ' || coalesce(sum(e.amount), 0) || ' over ' || count(e.id) || ' entries' as example
          from ledger_transfers t left join ledger_entries e on e.transfer_id = t.id
          group by t.id having coalesce(sum(e.amount), 0) <> 0 or count(e.id) < 2`,
    ),
    check(
      "every cached balance equals the sum of its entries",
      sql`select a.id || ' (' || a.kind || ') caches ' || a.balance || ' but entries sum to ' || coalesce(s.total, 0) as example
          from accounts a left join (select account_id, sum(amount) as total from ledger_entries group by account_id) s
            on s.account_id = a.id
          where a.balance <> coalesce(s.total, 0)`,
    ),
    check(
      "no wallet or voucher balance is negative",
      sql`select a.id || ' (' || a.kind || ') is at ' || a.balance as example
          from accounts a where a.kind in ('employee_wallet', 'voucher_grant') and a.balance < 0`,
    ),
    check(
      "every paid order's tenders add up to its total",
      sql`select o.id || ' totals ' || o.total || ' but tenders paid ' || coalesce(sum(p.amount), 0) as example
          from orders o left join payment_tenders p on p.order_id = o.id
          where o.status not in ('pending_payment', 'canceled')
          group by o.id having coalesce(sum(p.amount), 0) <> o.total`,
    ),
    check(
      "every order's refunded amount equals what its tenders gave back",
      sql`select o.id || ' refunded ' || o.refunded_amount || ' but tenders gave back ' || coalesce(sum(p.refunded_amount), 0) as example
          from orders o left join payment_tenders p on p.order_id = o.id
          group by o.id having coalesce(sum(p.refunded_amount), 0) <> o.refunded_amount`,
    ),
    check(
      "every tender's ledger transfer moved exactly its amount",
      sql`select p.id || ' (' || p.kind || ') paid ' || p.amount || ' but its transfer took ' || coalesce(-sum(e.amount), 0) as example
          from payment_tenders p left join ledger_entries e on e.transfer_id = p.transfer_id and e.account_id = p.account_id
          group by p.id having coalesce(-sum(e.amount), 0) <> p.amount`,
    ),
    check(
      "every order's discounts are funded by promotion and coupon expense, net of refunds",
      sql`select o.id || ' has discounts of ' || coalesce(l.discount, 0) || ' but expense funded ' || coalesce(x.funded, 0) as example
          from orders o
          left join (select order_id, sum(promotion_discount - refunded_promotion_discount + coupon_discount - refunded_coupon_discount) as discount
                     from order_lines group by order_id) l on l.order_id = o.id
          left join (select t.order_id, -sum(e.amount) as funded from ledger_transfers t
                     join ledger_entries e on e.transfer_id = t.id
                     join accounts a on a.id = e.account_id and a.kind in ('promotion_expense', 'coupon_expense')
                     group by t.order_id) x on x.order_id = o.id
          where o.status not in ('pending_payment', 'canceled')
            and coalesce(l.discount, 0) <> coalesce(x.funded, 0)`,
    ),
    ...reportRollupChecks(check),
  ]);
  const [counts] = await rows(sql`select
      (select count(*) from ledger_transfers)::text as transfers,
      (select count(*) from ledger_entries)::text as entries,
      (select count(*) from accounts)::text as accounts,
      (select count(*) from orders where status not in ('pending_payment', 'canceled'))::text as paid_orders`);
  return {
    ok: checks.every((entry) => entry.breaches === 0),
    transfers: Number(counts?.transfers ?? 0),
    entries: Number(counts?.entries ?? 0),
    accounts: Number(counts?.accounts ?? 0),
    paidOrders: Number(counts?.paid_orders ?? 0),
    checks,
  };
}
