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
 * Re-derives everything the cached state claims: each transfer sums to zero, each cached
 * balance equals its entries, no wallet or voucher is negative, and each paid order's
 * tenders add up to its total (and refunds to what was refunded).
 */
export async function verifyLedger(db: DbOrTx): Promise<LedgerReport> {
  const rows = async (query: ReturnType<typeof sql>) => (await db.execute(query)) as unknown as Record<string, string>[];
  const check = async (name: string, query: ReturnType<typeof sql>): Promise<LedgerCheck> => {
    const found = await rows(query);
    return { name, breaches: found.length, examples: found.slice(0, EXAMPLES).map((row) => row.example ?? "") };
  };

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
