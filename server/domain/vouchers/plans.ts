import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { businessDate } from "../time";
import { COMPANY_TIME_ZONE } from "./policies";

/**
 * An allocation gives today's vouchers as grants at once and keeps the later days as plans
 * (voucher_grant_plans); each planned day becomes a grant, with its account and ledger transfer,
 * the day before: the jobs runner makes every day due by tomorrow, and a payment or the pay app's
 * home makes the payer's own due days first, so no voucher waits on a scheduler.
 */

/** The last service day the jobs runner makes: tomorrow in the company's time zone, so a day's grants exist before it starts. */
export function grantsDueThrough(now: Date): string {
  const next = new Date(Date.parse(`${allocationToday(now)}T00:00:00Z`) + 86_400_000);
  return next.toISOString().slice(0, 10);
}

/** Today in the company's time zone: the last service day an allocation run makes at once (the rest it plans). */
export function allocationToday(now: Date): string {
  return businessDate(now, COMPANY_TIME_ZONE);
}

/**
 * SQL that inserts grants from the CTE `src` (employee_id, meal, amount, valid_from, valid_until,
 * window_start, window_end, weekdays, store_ids, category_ids, service_date, policy_id, version_id,
 * run_id, pooled, group_payment_allowed): each grant with its account opened with its value, and
 * one balanced transfer per employee and run (by the run's author) from the employee's budget shard. A grant
 * whose (employee, day, meal) slot is taken is skipped. Every budget shard touched must be locked
 * already. Ends with the CTE `g` (the grants made) and `tr` (the transfers).
 */
export function insertGrantsFromSrc(memo: string): SQL {
  return sql`
      g as (
        insert into voucher_grants (employee_id, meal, amount, valid_from, valid_until, window_start, window_end, weekdays,
          store_ids, category_ids, time_zone, service_date, policy_id, policy_version_id, allocation_run_id, pooled, group_payment_allowed, created_by)
        select employee_id, meal, amount, valid_from, valid_until, window_start, window_end, weekdays,
          store_ids, category_ids, ${COMPANY_TIME_ZONE}, service_date, policy_id, version_id, run_id, pooled, group_payment_allowed, null
        from src
        order by employee_id, service_date, meal
        on conflict (employee_id, service_date, meal, pooled) where allocation_run_id is not null and status <> 'revoked' do nothing
        returning id, employee_id, amount, allocation_run_id
      ),
      tr as (
        select g.employee_id, g.allocation_run_id, gen_random_uuid() as id, sum(g.amount)::bigint as total,
          get_byte(uuid_send(g.employee_id), 15) % 16 as shard, min(r.created_by::text)::uuid as created_by
        from g join allocation_runs r on r.id = g.allocation_run_id
        group by g.employee_id, g.allocation_run_id
      ),
      t_ins as (
        insert into ledger_transfers (id, kind, memo, created_by)
        select id, 'voucher_grant', ${memo}, created_by from tr
      ),
      a as (
        insert into accounts (kind, user_id, grant_id, balance)
        select 'voucher_grant', employee_id, id, amount from g
        returning id, user_id, grant_id, balance
      ),
      budget as (select id, shard from accounts where kind = 'voucher_budget' and store_id is null and user_id is null),
      e as (
        insert into ledger_entries (transfer_id, account_id, amount)
        select tr.id, a.id, a.balance from a join g on g.id = a.grant_id
          join tr on tr.employee_id = g.employee_id and tr.allocation_run_id = g.allocation_run_id
        union all
        select tr.id, b.id, -tr.total from tr join budget b on b.shard = tr.shard
        returning account_id, amount
      ),
      budget_update as (
        update accounts set balance = accounts.balance + d.amount
        from (select e.account_id, sum(e.amount)::bigint as amount from e join budget b on b.id = e.account_id group by e.account_id) as d
        where accounts.id = d.account_id
        returning accounts.id
      )`;
}

/**
 * The planned days not made yet (and not cancelled) as rows (employee_id, day, meal, policy_id,
 * amount), optionally only for one employee batch of an allocation.
 */
export function pendingPlanDays(filter: SQL = sql`true`): SQL {
  return sql`
    select p.employee_id, d.day, p.meal, p.policy_id, d.amount
    from voucher_grant_plans p
    cross join lateral unnest(p.days, p.amounts) as d(day, amount)
    where p.next_day is not null and d.day >= p.next_day and (p.cancelled_from is null or d.day < p.cancelled_from) and ${filter}`;
}

const LAST_DAY = "9999-12-31";

/**
 * Makes the grants of every planned day up to tomorrow (or all of them: HR looking at or
 * adjusting one person's vouchers), for the given employees or (the job) for everyone, up to
 * `limit` plans a call. Plans another transaction is making are skipped by the
 * job and waited for by a payer, so a day is made once. Returns how many grants were made.
 */
export async function makeDueGrants(
  tx: DbOrTx,
  input: ({ now: Date } | { /** every planned day, not only those due */ allDays: true }) & { employeeIds?: readonly string[]; limit?: number },
) {
  const due = "allDays" in input ? LAST_DAY : grantsDueThrough(input.now);
  const forEmployees = input.employeeIds !== undefined;
  const employees = sql`${`{${(input.employeeIds ?? []).join(",")}}`}::uuid[]`;
  // Plans first, then budget shards (both in id order): the order revocation and leavers use too.
  // Most calls find nothing due and lock nothing.
  const locked = (await tx.execute(sql`
    select id from voucher_grant_plans
    where next_day is not null and next_day <= ${due}::date ${forEmployees ? sql`and employee_id = any(${employees})` : sql``}
    order by id
    ${input.limit === undefined ? sql`` : sql`limit ${input.limit}`}
    for update ${forEmployees ? sql`` : sql`skip locked`}`)) as unknown as { id: string }[];
  if (locked.length === 0) return { grants: 0, plans: 0 };
  const planIds = sql`${`{${locked.map((row) => row.id).join(",")}}`}::uuid[]`;
  await tx.execute(sql`
    select id from accounts
    where kind = 'voucher_budget' and store_id is null and user_id is null
      and shard in (select distinct get_byte(uuid_send(employee_id), 15) % 16 from voucher_grant_plans where id = any(${planIds}))
    order by id for no key update`);
  const [result] = (await tx.execute(sql`
    with due_plans as (
      select p.* from voucher_grant_plans p where p.id = any(${planIds}) and p.next_day is not null and p.next_day <= ${due}::date
    ),
    advanced as (
      update voucher_grant_plans p
      set next_day = (select min(d) from unnest(p.days) as d where d > ${due}::date and (p.cancelled_from is null or d < p.cancelled_from))
      from due_plans dp where p.id = dp.id
      returning p.id
    ),
    src as (
      select p.employee_id, p.meal, d.amount, (d.day + p.window_start) at time zone p.time_zone as valid_from,
        (d.day + p.window_end) at time zone p.time_zone as valid_until, p.window_start, p.window_end, p.weekdays,
        p.store_ids, p.category_ids, d.day as service_date, p.policy_id, p.policy_version_id as version_id,
        p.allocation_run_id as run_id, false as pooled, p.group_payment_allowed
      from due_plans p
      cross join lateral unnest(p.days, p.amounts) as d(day, amount)
      where d.day >= p.next_day and d.day <= ${due}::date and (p.cancelled_from is null or d.day < p.cancelled_from)
    ),
    ${insertGrantsFromSrc("voucher allocation: the planned day's grant")}
    select (select count(*) from g)::int as grants, (select count(*) from advanced)::int as plans,
      (select count(*) from budget_update)::int as shards`)) as unknown as { grants: number; plans: number }[];
  return { grants: result?.grants ?? 0, plans: Math.max(result?.plans ?? 0, locked.length) };
}

/**
 * One person's due planned days (or all of them), for a screen that shows their vouchers (the
 * pay app's home, order ahead's funds, HR's view): in a transaction of its own, or a savepoint
 * inside the caller's.
 */
export function makeOwnDueGrants(db: DbOrTx, employeeId: string, when: { now: Date } | { allDays: true }) {
  return db.transaction((tx) => makeDueGrants(tx, { ...when, employeeIds: [employeeId] }));
}

/** The jobs runner's pass: every due planned day, a batch of plans per transaction. */
export async function makeAllDueGrants(db: DbOrTx, input: ({ now: Date } | { allDays: true }) & { plansPerBatch?: number }) {
  let grants = 0;
  const when = "allDays" in input ? { allDays: true as const } : { now: input.now };
  for (;;) {
    const batch = await db.transaction((tx) => makeDueGrants(tx, { ...when, limit: input.plansPerBatch ?? 10_000 }));
    grants += batch.grants;
    if (batch.plans === 0) break;
  }
  return { grants };
}

/**
 * A leaver's planned days from `from` on are never made (the grants already made are revoked by
 * revokeFutureGrants). Returns how many planned days, worth how much, were cancelled.
 */
export async function cancelPlannedDays(tx: DbOrTx, input: { employeeId: string; from: Date }) {
  const [result] = (await tx.execute(sql`
    with cut as (
      select p.id, p.next_day, p.cancelled_from,
        (select min(d) from unnest(p.days) as d where (d + p.window_start) at time zone p.time_zone >= ${input.from.toISOString()}::timestamptz) as first_cancelled
      from voucher_grant_plans p
      where p.employee_id = ${input.employeeId}::uuid and p.next_day is not null
      for update
    ),
    cancelled as (
      select count(*)::int as days, coalesce(sum(p.amounts[d.i]), 0)::text as amount from cut c
      join voucher_grant_plans p on p.id = c.id
      cross join lateral unnest(p.days) with ordinality as d(day, i)
      where c.first_cancelled is not null and d.day >= c.first_cancelled and d.day >= c.next_day
        and (c.cancelled_from is null or d.day < c.cancelled_from)
    ),
    updated as (
      update voucher_grant_plans p
      set cancelled_from = least(coalesce(c.cancelled_from, c.first_cancelled), c.first_cancelled),
        next_day = case when c.next_day >= c.first_cancelled then null else c.next_day end
      from cut c where p.id = c.id and c.first_cancelled is not null
      returning p.id
    )
    select cancelled.days, cancelled.amount, (select count(*) from updated)::int as plans from cancelled`)) as unknown as {
    days: number;
    amount: string;
  }[];
  return { days: result?.days ?? 0, amount: BigInt(result?.amount ?? "0") };
}
