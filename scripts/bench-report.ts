/**
 * `npm run bench:report`: a year (2026) of meal-voucher spending generated in bulk into the real
 * tables — users, voucher grants and their accounts, monthly funding transfers, orders with lines,
 * voucher and card tenders with their ledger transfers and entries, 1% refunded — then the report
 * queries timed warm (median and max of several runs), each against the 1 s target. Checks that
 * the month's settlement equals what the ledger moved from vouchers and that the report rollups
 * equal their recomputation. Figures, not a test.
 *
 * Generation writes with session_replication_role = replica (no foreign-key or ledger-guard
 * triggers: they would check every one of millions of rows); the data is built balanced, and
 * the ledger equality below is checked on it afterwards. The report rollups, which triggers keep
 * in production, are then filled by the migration's own backfill function.
 */
import { sql } from "drizzle-orm";
import { users } from "../db/schema";
import { verifyReportRollups } from "../server/domain/ledger/verify";
import { voucherSpend, topVoucherItems, voucherUsage } from "../server/domain/reports/dashboard";
import { monthlySettlement } from "../server/domain/reports/settlement";
import { monthlyTaxReport } from "../server/domain/reports/tax";
import { cleanUp, parseFlags, percentile, startThrowawayDatabase } from "./bench-lib";

const flags = parseFlags({ employees: 4_000, runs: 7 });
const YEAR = { from: "2026-01-01", to: "2026-12-31" };
const MONTH = "2026-06";
const MONTH_RANGE = { from: "2026-06-01", to: "2026-06-30" };

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const msText = (ms: number) => `${ms.toFixed(0)} ms`;

async function main() {
  console.log("starting a throwaway PostgreSQL…");
  const { database } = await startThrowawayDatabase();
  const { db } = database;
  const [kiosk] = await db.select({ id: users.id }).from(users).where(sql`${users.email} = 'kiosk.cafe@canteen.dev'`);
  if (!kiosk) throw new Error("seed has no kiosk");

  const generated = performance.now();
  const step = async (label: string, query: ReturnType<typeof sql>) => {
    const started = performance.now();
    const result = (await db.execute(query)) as unknown as { count?: number };
    console.log(`  ${label.padEnd(34)} ${seconds(performance.now() - started).padStart(7)}${typeof result.count === "number" ? `  ${result.count.toLocaleString("en-US")} rows` : ""}`);
  };
  console.log(`generating 2026 for ${flags.employees} employees…`);
  await db.transaction(async (tx) => {
    const run = async (label: string, query: ReturnType<typeof sql>) => {
      const started = performance.now();
      const result = (await tx.execute(query)) as unknown as { count?: number };
      console.log(`  ${label.padEnd(34)} ${seconds(performance.now() - started).padStart(7)}${typeof result.count === "number" ? `  ${result.count.toLocaleString("en-US")} rows` : ""}`);
    };
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`set local work_mem = '256MB'`);
    await run("departments", sql`
      insert into departments (code, name_ko, name_en)
      select 'bench-' || n, (array['재무팀','법무팀','마케팅팀','구매팀','품질팀','물류팀','생산팀','연구소','전략팀','고객지원팀'])[n], 'Team ' || n
        from generate_series(1, 10) n`);
    await run("employees", sql`
      insert into users (email, name, role, status, employee_no, department_id, hired_on)
      select 'rbench' || n || '@canteen.dev', '직원 ' || n, 'employee', 'active', 'R' || lpad(n::text, 6, '0'), d.id, date '2020-01-01'
        from generate_series(1, ${flags.employees}) n
        join (select id, row_number() over (order by code) - 1 as k, count(*) over () as c from departments) d on d.k = n % d.c`);
    await tx.execute(sql`
      create temp table be on commit drop as
      select id, row_number() over (order by employee_no)::int as n from users where email like 'rbench%'`);
    await tx.execute(sql`
      create temp table bm on commit drop as
      select m.id, m.store_id, m.name_ko, m.name_en, m.price,
             row_number() over (partition by m.store_id order by m.code)::int - 1 as k, count(*) over (partition by m.store_id)::int as c
        from menu_items m where m.is_active and m.price <= 9000`);
    await tx.execute(sql`
      create temp table bs on commit drop as
      select s.id as store_id, s.code,
             (select array_agg(id order by shard) from accounts where kind = 'store_revenue' and store_id = s.id) as revenue,
             (select array_agg(id order by shard) from accounts where kind = 'card_clearing' and store_id = s.id) as card
        from stores s`);

    // Every weekday: lunch for everyone, dinner for a quarter, breakfast for a tenth; most are used.
    await run("plan grants", sql`
      create temp table plan on commit drop as
      select gen_random_uuid() as grant_id, gen_random_uuid() as account_id, be.id as employee_id, be.n, d::date as day,
             m.meal::meal as meal, m.amount::bigint as amount, m.ws::time as ws, m.we::time as we, random() < m.use_rate as used
        from generate_series(date '2026-01-01', date '2026-12-31', interval '1 day') d
        cross join be
        join (values ('breakfast', 5000, '07:30', '09:30', 0.55, 10), ('lunch', 9000, '11:00', '14:00', 0.88, 1), ('dinner', 9000, '17:30', '20:00', 0.6, 4))
             as m(meal, amount, ws, we, use_rate, every) on be.n % m.every = 0
       where extract(isodow from d) < 6`);
    await run("plan orders", sql`
      create temp table po on commit drop as
      with picked as (
        select p.*, gen_random_uuid() as order_id, gen_random_uuid() as voucher_transfer, gen_random_uuid() as card_transfer,
               case when p.meal = 'breakfast' then 'hq-cafe' when p.meal = 'dinner' then 'cafeteria'
                    when random() < 0.3 then 'hq-cafe' else 'cafeteria' end as store_code,
               (p.day + p.ws + random() * (p.we - p.ws)) at time zone 'Asia/Seoul' as paid_at,
               random() as r1, random() as r2, random() < 0.3 as two_lines, random() < 0.01 as refunded
          from plan p where p.used
      )
      select k.*, bs.store_id, bs.revenue[1 + k.n % 16] as revenue_id, bs.card[1 + (k.n + 7) % 16] as card_id,
             i1.id as item1, i1.name_ko as name1_ko, i1.name_en as name1_en, i1.price as price1,
             i2.id as item2, i2.name_ko as name2_ko, i2.name_en as name2_en, coalesce(i2.price, 0) as price2,
             i1.price + coalesce(i2.price, 0) as total,
             least(i1.price + coalesce(i2.price, 0), k.amount) as voucher_paid,
             row_number() over (partition by bs.store_id, k.day order by k.paid_at)::int as pickup
        from picked k
        join bs on bs.code = k.store_code
        join (select store_id, c from bm group by store_id, c) mc on mc.store_id = bs.store_id
        join bm i1 on i1.store_id = bs.store_id and i1.k = floor(k.r1 * mc.c)::int
        left join bm i2 on k.two_lines and i2.store_id = bs.store_id and i2.k = floor(k.r2 * mc.c)::int`);

    await run("voucher_grants", sql`
      insert into voucher_grants (id, employee_id, meal, amount, valid_from, valid_until, window_start, window_end, weekdays, service_date, status, created_at)
      select grant_id, employee_id, meal, amount, (day + ws) at time zone 'Asia/Seoul', (day + we) at time zone 'Asia/Seoul', ws, we, '{1,2,3,4,5}', day, 'active',
             (date_trunc('month', day) - interval '3 days') at time zone 'Asia/Seoul'
        from plan`);
    await run("grant accounts", sql`
      insert into accounts (id, kind, user_id, grant_id, balance)
      select p.account_id, 'voucher_grant', p.employee_id, p.grant_id,
             p.amount - coalesce(o.voucher_paid, 0) + case when o.refunded then o.voucher_paid else 0 end
        from plan p left join po o on o.grant_id = p.grant_id`);
    // Funding as an allocation run books it: one transfer per employee and month.
    await run("funding transfers", sql`
      create temp table fund on commit drop as
      with f as (select employee_id, date_trunc('month', day)::date as month, sum(amount) as amount, min(n) % 16 as shard
                   from plan group by employee_id, date_trunc('month', day))
      select gen_random_uuid() as transfer_id, f.employee_id, f.month, f.amount, b.id as budget_id
        from f join accounts b on b.kind = 'voucher_budget' and b.store_id is null and b.user_id is null and b.shard = f.shard`);
    await run("  transfers", sql`
      insert into ledger_transfers (id, kind, memo, created_at)
      select transfer_id, 'voucher_grant', 'bench allocation', (month - interval '3 days') at time zone 'Asia/Seoul' from fund`);
    await run("  entries", sql`
      insert into ledger_entries (transfer_id, account_id, amount, created_at)
      select f.transfer_id, f.budget_id, -f.amount, (f.month - interval '3 days') at time zone 'Asia/Seoul' from fund f
      union all
      select f.transfer_id, p.account_id, p.amount, (f.month - interval '3 days') at time zone 'Asia/Seoul'
        from plan p join fund f on f.employee_id = p.employee_id and f.month = date_trunc('month', p.day)::date`);

    await run("orders", sql`
      insert into orders (id, store_id, business_date, pickup_number, status, source, payer_id, created_by, subtotal, discount, total, refunded_amount, created_at, paid_at, updated_at)
      select order_id, store_id, day, pickup, case when refunded then 'refunded' else 'picked_up' end::order_status, 'kiosk', employee_id, ${kiosk.id}::uuid,
             total, 0, total, case when refunded then total else 0 end, paid_at, paid_at, paid_at
        from po`);
    await run("order_lines", sql`
      insert into order_lines (order_id, line_no, menu_item_id, name_ko, name_en, options, unit_price, quantity, line_total, net_total, refunded_quantity, refunded_net)
      select order_id, 1, item1, name1_ko, name1_en, '[]'::jsonb, price1, 1, price1, price1, case when refunded then 1 else 0 end, case when refunded then price1 else 0 end from po
      union all
      select order_id, 2, item2, name2_ko, name2_en, '[]'::jsonb, price2, 1, price2, price2, case when refunded then 1 else 0 end, case when refunded then price2 else 0 end from po where item2 is not null`);
    await run("payment transfers", sql`
      insert into ledger_transfers (id, kind, order_id, memo, created_by, created_at)
      select voucher_transfer, 'payment'::transfer_kind, order_id, 'voucher', ${kiosk.id}::uuid, paid_at from po
      union all
      select card_transfer, 'payment'::transfer_kind, order_id, 'card', ${kiosk.id}::uuid, paid_at from po where total > voucher_paid`);
    await run("payment entries", sql`
      insert into ledger_entries (transfer_id, account_id, amount, created_at)
      select voucher_transfer, account_id, -voucher_paid, paid_at from po
      union all select voucher_transfer, revenue_id, voucher_paid, paid_at from po
      union all select card_transfer, card_id, -(total - voucher_paid), paid_at from po where total > voucher_paid
      union all select card_transfer, revenue_id, total - voucher_paid, paid_at from po where total > voucher_paid`);
    await run("payment_tenders", sql`
      insert into payment_tenders (order_id, sequence, kind, payer_id, account_id, grant_id, amount, refunded_amount, transfer_id, created_at)
      select order_id, 1, 'voucher'::tender_kind, employee_id, account_id, grant_id, voucher_paid, case when refunded then voucher_paid else 0 end, voucher_transfer, paid_at from po
      union all
      select order_id, 2, 'card'::tender_kind, null::uuid, card_id, null, total - voucher_paid, case when refunded then total - voucher_paid else 0 end, card_transfer, paid_at
        from po where total > voucher_paid`);
    // Refunded ten minutes later, inside the window: the voucher's value goes back to its grant.
    await run("refunds", sql`
      with r as (select *, gen_random_uuid() as rv, gen_random_uuid() as rc, paid_at + interval '10 minutes' as at from po where refunded),
      t as (
        insert into ledger_transfers (id, kind, order_id, memo, created_by, created_at)
        select rv, 'refund'::transfer_kind, order_id, 'refund of voucher to voucher', ${kiosk.id}::uuid, at from r
        union all select rc, 'refund'::transfer_kind, order_id, 'refund of card to card', ${kiosk.id}::uuid, at from r where total > voucher_paid
      ),
      e as (
        insert into ledger_entries (transfer_id, account_id, amount, created_at)
        select rv, revenue_id, -voucher_paid, at from r
        union all select rv, account_id, voucher_paid, at from r
        union all select rc, revenue_id, -(total - voucher_paid), at from r where total > voucher_paid
        union all select rc, card_id, total - voucher_paid, at from r where total > voucher_paid
      )
      insert into refunds (order_id, amount, reason, lines, tenders, created_by, created_at)
      select order_id, total, 'bench refund', '[]'::jsonb, jsonb_build_array(jsonb_build_object('kind', 'voucher', 'amount', voucher_paid::text, 'to', 'voucher')), ${kiosk.id}::uuid, at from r`);
    await run("system balances", sql`
      update accounts a set balance = s.amount
        from (select e.account_id, sum(e.amount) as amount from ledger_entries e join accounts x on x.id = e.account_id
               where x.kind in ('voucher_budget', 'store_revenue', 'card_clearing') group by e.account_id) s
       where a.id = s.account_id`);
  });
  // Bulk loading bypassed the triggers that keep the report rollups; the migration's backfill fills them.
  await step("report rollups (backfill)", sql`select report_rollups_rebuild()`);
  await step("analyze", sql`analyze`);
  const [counts] = (await db.execute(sql`
    select (select count(*) from payment_tenders where kind = 'voucher')::int as voucher_payments,
           (select count(*) from orders)::int as orders, (select count(*) from order_lines)::int as lines,
           (select count(*) from voucher_grants)::int as grants, (select count(*) from ledger_entries)::int as entries,
           (select count(*) from ledger_transfers)::int as transfers, (select count(*) from refunds)::int as refunds`)) as unknown as Record<string, number>[];
  console.log(`generated in ${seconds(performance.now() - generated)}:`, counts);

  // The month's settlement is exactly what the ledger moved from vouchers for that month's orders.
  const settlement = await monthlySettlement({ tx: db, input: { month: MONTH } });
  const [ledger] = (await db.execute(sql`
    select (-sum(e.amount))::text as value
      from orders o join ledger_transfers tr on tr.order_id = o.id join ledger_entries e on e.transfer_id = tr.id join accounts a on a.id = e.account_id
     where o.business_date between ${MONTH_RANGE.from}::date and ${MONTH_RANGE.to}::date
       and ((tr.kind = 'payment' and a.kind = 'voucher_grant') or (tr.kind = 'refund' and a.kind in ('voucher_grant', 'voucher_budget')))`)) as unknown as { value: string }[];
  const equal = BigInt(ledger?.value ?? "0") === settlement.total.net;
  console.log(`settlement ${MONTH}: ${settlement.total.net.toLocaleString("ko-KR")}원 over ${settlement.total.uses.toLocaleString("en-US")} uses; ledger ${BigInt(ledger?.value ?? "0").toLocaleString("ko-KR")}원 — ${equal ? "equal" : "DIFFERENT"}`);
  const [balanced] = (await db.execute(sql`
    select count(*)::int as n from (select transfer_id from ledger_entries group by transfer_id having sum(amount) <> 0) t`)) as unknown as { n: number }[];
  const [cached] = (await db.execute(sql`
    select count(*)::int as n from accounts a left join (select account_id, sum(amount) as s from ledger_entries group by account_id) e on e.account_id = a.id
     where a.balance <> coalesce(e.s, 0)`)) as unknown as { n: number }[];
  console.log(`ledger: ${balanced?.n ?? "?"} unbalanced transfers, ${cached?.n ?? "?"} accounts whose cached balance differs from their entries`);
  const verifyStarted = performance.now();
  const rollupChecks = await verifyReportRollups(db);
  const rollupBreaches = rollupChecks.reduce((sum, check) => sum + check.breaches, 0);
  console.log(`report rollups against a recomputation (as ledger:verify checks them): ${rollupBreaches} differences, ${seconds(performance.now() - verifyStarted)}`);
  for (const check of rollupChecks.filter((c) => c.breaches > 0)) console.log(`  ${check.name}: ${check.examples.join("; ")}`);

  const queries: [string, () => Promise<unknown>][] = [
    [`settlement ${MONTH}`, () => monthlySettlement({ tx: db, input: { month: MONTH } })],
    [`tax ${MONTH}`, () => monthlyTaxReport({ tx: db, input: { month: MONTH } })],
    [`dashboard spend, ${MONTH}`, () => voucherSpend({ tx: db, input: MONTH_RANGE })],
    [`dashboard usage, ${MONTH}`, () => voucherUsage({ tx: db, input: MONTH_RANGE })],
    [`dashboard top items, ${MONTH}`, () => topVoucherItems({ tx: db, input: MONTH_RANGE })],
    ["dashboard spend, year", () => voucherSpend({ tx: db, input: YEAR })],
    ["dashboard usage, year", () => voucherUsage({ tx: db, input: YEAR })],
    ["dashboard top items, year", () => topVoucherItems({ tx: db, input: YEAR })],
  ];
  const rows: { name: string; median: number; max: number }[] = [];
  for (const [name, query] of queries) {
    await query();
    const samples: number[] = [];
    for (let run = 0; run < flags.runs; run++) {
      const started = performance.now();
      await query();
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    const row = { name, median: percentile(samples, 50), max: samples[samples.length - 1] ?? Number.NaN };
    rows.push(row);
    console.log(`  ${name.padEnd(32)} median ${msText(row.median).padStart(7)}   max ${msText(row.max).padStart(7)}   ${row.max <= 1000 ? "≤ 1 s" : "OVER 1 s"}`);
  }
  console.log(`\n| query (warm, ${flags.runs} runs) | median | max | ≤ 1 s |\n|---|---|---|---|`);
  for (const row of rows) console.log(`| ${row.name} | ${msText(row.median)} | ${msText(row.max)} | ${row.max <= 1000 ? "yes" : "NO"} |`);
  if (!equal || rollupBreaches !== 0 || (balanced?.n ?? 1) !== 0 || (cached?.n ?? 1) !== 0 || (counts?.voucher_payments ?? 0) < 1_000_000) process.exitCode = 1;
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
