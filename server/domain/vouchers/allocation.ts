import { desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { allocationRuns, users, voucherPolicies, voucherPolicyVersions } from "@/db/schema";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { COMPANY_TIME_ZONE } from "./policies";
import { allocationToday, insertGrantsFromSrc, pendingPlanDays } from "./plans";

/**
 * Allocation runs: the grants of a period for the chosen policies, computed in SQL as one set
 * (days × policy versions in force × eligible employees) so a month for 10,000 people is a few
 * statements, not 660,000 calls of grantVoucher. Preview and execute share the same query, so
 * what the preview costs is what execute grants (for the same moment: days whose window has
 * already ended are left out of both).
 */

export type AllocationInput = { periodStart: string; periodEnd: string; policyIds: string[]; now: Date };

export const MAX_PERIOD_DAYS = 92;

export type ExclusionReason = "left" | "suspended" | "hiredAfterPeriod" | "notEligible" | "alreadyGranted" | "capReached";

// UUIDs are random, so their first byte splits the employees into even batches.
const BATCHES = 4;

// A batch sorts and hashes ~170,000 candidate grants; with the default 4 MB each sort spills to disk.
const ALLOCATION_WORK_MEM = sql`set local work_mem = '96MB'`;

async function checkInput(tx: DbOrTx, input: AllocationInput) {
  if (input.periodEnd < input.periodStart) throw new DomainError("BAD_REQUEST", "allocationPeriodOrder", "the period ends before it starts");
  const days = (Date.parse(input.periodEnd) - Date.parse(input.periodStart)) / 86_400_000 + 1;
  if (days > MAX_PERIOD_DAYS) throw new DomainError("BAD_REQUEST", "allocationPeriodTooLong", `a period is at most ${MAX_PERIOD_DAYS} days`);
  const policyIds = [...new Set(input.policyIds)];
  if (policyIds.length === 0) throw new DomainError("BAD_REQUEST", "allocationNoPolicies", "choose at least one policy");
  const found = await tx.select({ id: voucherPolicies.id }).from(voucherPolicies).where(inArray(voucherPolicies.id, policyIds));
  if (found.length !== policyIds.length) throw new DomainError("NOT_FOUND", "policyNotFound", "no such voucher policy");
  // Caps cost a pass over the grants already made; skip it when no version in play has one.
  const [caps] = await tx
    .select({ any: sql<boolean>`bool_or(${voucherPolicyVersions.dailyCap} is not null or ${voucherPolicyVersions.monthlyCap} is not null)` })
    .from(voucherPolicyVersions)
    .where(inArray(voucherPolicyVersions.policyId, policyIds));
  return { policyIds, withCaps: caps?.any === true };
}

const uuidArray = (ids: string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

/**
 * The CTEs that end in `final`: one row per grant to create, with its amount after caps.
 * `cand` holds every (employee, day, meal) the policies would give, before "already granted"
 * and caps, for the preview's reasons.
 */
function grantsQuery(input: AllocationInput, options: { policyIds: string[]; withCaps: boolean; batch?: number }): SQL {
  const tz = COMPANY_TIME_ZONE;
  const batchFilter =
    options.batch === undefined ? sql`true` : sql`(get_byte(uuid_send(u.id), 0) * ${BATCHES} / 256) = ${options.batch}`;
  const planBatchFilter =
    options.batch === undefined ? sql`true` : sql`(get_byte(uuid_send(p.employee_id), 0) * ${BATCHES} / 256) = ${options.batch}`;
  const capped = options.withCaps
    ? sql`
    planned_month as (${pendingPlanDays(sql`d.day >= date_trunc('month', ${input.periodStart}::date) and d.day < date_trunc('month', ${input.periodEnd}::date) + interval '1 month' and ${planBatchFilter}`)}),
    prior_day as (
      select employee_id, service_date, sum(amount) as total from (
        select g.employee_id, g.service_date, g.amount from voucher_grants g
        where g.allocation_run_id is not null and g.status <> 'revoked' and not g.pooled
          and g.service_date between ${input.periodStart}::date and ${input.periodEnd}::date
        union all
        select employee_id, day, amount from planned
      ) given
      group by 1, 2
    ),
    prior_month as (
      select employee_id, policy_id, date_trunc('month', service_date)::date as month, sum(amount) as total from (
        select g.employee_id, g.policy_id, g.service_date, g.amount from voucher_grants g
        where g.allocation_run_id is not null and g.status <> 'revoked' and g.policy_id = any(${uuidArray(options.policyIds)})
          and g.service_date >= date_trunc('month', ${input.periodStart}::date)
          and g.service_date < date_trunc('month', ${input.periodEnd}::date) + interval '1 month'
        union all
        select employee_id, policy_id, day, amount from planned_month
        where policy_id = any(${uuidArray(options.policyIds)})
      ) given
      group by 1, 2, 3
    ),
    -- The day's cap counts what the employee already has that day and the earlier meals of this run.
    day_capped as (
      select f.*, case when f.daily_cap is null then f.amount else greatest(0, least(f.amount,
        f.daily_cap - coalesce(pd.total, 0)
          - coalesce(sum(f.amount) over (partition by f.employee_id, f.day order by f.meal rows between unbounded preceding and 1 preceding), 0)
      )) end as day_amount
      from fresh f left join prior_day pd on pd.employee_id = f.employee_id and pd.service_date = f.day
    ),
    capped as (
      select d.*, case when d.monthly_cap is null then d.day_amount else greatest(0, least(d.day_amount,
        d.monthly_cap - coalesce(pm.total, 0)
          - coalesce(sum(d.day_amount) over (partition by d.employee_id, d.policy_id, date_trunc('month', d.day) order by d.day rows between unbounded preceding and 1 preceding), 0)
      )) end as final_amount
      from day_capped d left join prior_month pm
        on pm.employee_id = d.employee_id and pm.policy_id = d.policy_id and pm.month = date_trunc('month', d.day)::date
    ),`
    : sql`capped as (select f.*, f.amount as final_amount from fresh f),`;

  return sql`
    days as (
      select d::date as day from generate_series(${input.periodStart}::date, ${input.periodEnd}::date, interval '1 day') as d
    ),
    in_force as (
      select distinct on (p.id, days.day)
        p.id as policy_id, p.meal, p.created_at as policy_created, days.day,
        v.id as version_id, v.active, v.amount, v.window_start, v.window_end, v.weekdays, v.include_holidays,
        v.store_ids, v.category_ids, v.department_ids, v.daily_cap, v.monthly_cap, v.group_payment_allowed, v.unused_value
      from voucher_policies p
      join voucher_policy_versions v on v.policy_id = p.id
      join days on v.effective_from <= days.day
      where p.id = any(${uuidArray(options.policyIds)})
      order by p.id, days.day, v.effective_from desc
    ),
    slots as (
      select f.* from in_force f
      where f.active
        and extract(isodow from f.day)::smallint = any(f.weekdays)
        and (f.include_holidays or not exists (select 1 from public_holidays h where h.day = f.day))
        and ((f.day + f.window_end) at time zone ${tz}) > ${input.now.toISOString()}::timestamptz
    ),
    -- Two policies for the same meal never give one person two grants a day: the larger wins.
    cand as (
      select distinct on (u.id, s.day, s.meal) u.id as employee_id, u.department_id, s.*
      from slots s
      join users u on u.role = 'employee' and u.status = 'active'
        and (u.hired_on is null or u.hired_on <= s.day)
        and (s.department_ids is null or u.department_id = any(s.department_ids))
      where ${batchFilter}
      order by u.id, s.day, s.meal, s.amount desc, s.policy_created, s.policy_id
    ),
    -- Days an earlier run planned and has not made into grants yet count as granted.
    planned as (${pendingPlanDays(sql`d.day between ${input.periodStart}::date and ${input.periodEnd}::date and ${planBatchFilter}`)}),
    fresh as (
      select c.* from cand c
      where not exists (
          select 1 from voucher_grants g
          where g.employee_id = c.employee_id and g.service_date = c.day and g.meal = c.meal and not g.pooled
            and g.allocation_run_id is not null and g.status <> 'revoked')
        and not exists (select 1 from planned pl where pl.employee_id = c.employee_id and pl.day = c.day and pl.meal = c.meal)
        and not exists (
          select 1 from voucher_grants g
          where g.employee_id = c.employee_id and g.service_date = date_trunc('month', c.day)::date and g.meal = c.meal and g.pooled
            and g.allocation_run_id is not null and g.status <> 'revoked')
    ),
    ${capped}
    daily as (
      select employee_id, department_id, policy_id, version_id, meal, day as service_date, false as pooled, final_amount as amount,
        (day + window_start) at time zone ${tz} as valid_from, (day + window_end) at time zone ${tz} as valid_until,
        window_start, window_end, weekdays, store_ids, category_ids, group_payment_allowed
      from capped where final_amount > 0 and unused_value = 'expire_at_window_end'
    ),
    -- A pooled month is one grant for the month's total, spendable in the windows until the month ends.
    pooled_rows as (
      select c.*, date_trunc('month', c.day)::date as month,
        sum(c.final_amount) over month_of as month_total, min(c.day) over month_of as first_day,
        row_number() over (partition by c.employee_id, c.policy_id, c.meal, date_trunc('month', c.day) order by c.day desc) as latest
      from capped c where c.final_amount > 0 and c.unused_value = 'monthly_pool'
      window month_of as (partition by c.employee_id, c.policy_id, c.meal, date_trunc('month', c.day))
    ),
    -- A pooled month is one grant for the month's total, spendable in the windows until the month ends,
    -- on the terms of the latest version in force that month.
    pooled as (
      select employee_id, department_id, policy_id, version_id, meal, month as service_date, true as pooled,
        month_total::bigint as amount,
        (first_day + window_start) at time zone ${tz} as valid_from,
        ((month + interval '1 month - 1 day')::date + window_end) at time zone ${tz} as valid_until,
        window_start, window_end, weekdays, store_ids, category_ids, group_payment_allowed
      from pooled_rows where latest = 1
    ),
    final as (select * from daily union all select * from pooled)`;
}

export type AllocationPreview = {
  periodStart: string;
  periodEnd: string;
  serviceDays: number;
  people: number;
  grants: number;
  totalAmount: bigint;
  midPeriodHires: number;
  byDepartment: { departmentId: string | null; nameKo: string; nameEn: string; people: number; grants: number; amount: bigint }[];
  byPolicy: { policyId: string; grants: number; amount: bigint }[];
  excludedCounts: Record<ExclusionReason, number>;
  excluded: { employeeId: string; name: string; employeeNo: string | null; nameKo: string; nameEn: string; reason: ExclusionReason }[];
};

const EXCLUDED_LISTED = 500;

/** What executing this allocation now would grant, to whom, at what cost, and who gets nothing and why. */
export async function previewAllocation(args: { tx: DbOrTx; input: AllocationInput }): Promise<AllocationPreview> {
  // `set local` needs a transaction; a read-only preview gets one of its own (a savepoint inside another).
  return args.tx.transaction(async (tx) => {
    await tx.execute(ALLOCATION_WORK_MEM);
    return previewIn(tx, args.input);
  });
}

async function previewIn(tx: DbOrTx, input: AllocationInput): Promise<AllocationPreview> {
  const checked = await checkInput(tx, input);
  const rows = (await tx.execute(sql`
    with ${grantsQuery(input, checked)},
    per_person as (
      select employee_id, count(*)::int as grants, sum(amount)::bigint as amount from final group by employee_id
    ),
    cand_person as (select employee_id, count(*)::int as n, min(day) as first_day from cand group by employee_id),
    fresh_person as (select employee_id, count(*)::int as n from fresh group by employee_id),
    eligible_last as (
      select u.id as employee_id, max(s.day) as last_day from users u
      join slots s on s.department_ids is null or u.department_id = any(s.department_ids)
      where u.role = 'employee' group by u.id
    )
    select u.id, u.name, u.employee_no, u.status, u.hired_on::text as hired_on, u.department_id,
      coalesce(d.name_ko, '') as dept_ko, coalesce(d.name_en, '') as dept_en,
      coalesce(pp.grants, 0) as grants, coalesce(pp.amount, 0)::text as amount,
      coalesce(cp.n, 0) as cand, cp.first_day::text as first_day, coalesce(fp.n, 0) as fresh,
      el.last_day::text as last_day
    from users u
    left join departments d on d.id = u.department_id
    left join per_person pp on pp.employee_id = u.id
    left join cand_person cp on cp.employee_id = u.id
    left join fresh_person fp on fp.employee_id = u.id
    left join eligible_last el on el.employee_id = u.id
    where u.role = 'employee'
    order by u.employee_no nulls last, u.name`)) as unknown as {
    id: string;
    name: string;
    employee_no: string | null;
    status: "active" | "suspended" | "left";
    hired_on: string | null;
    department_id: string | null;
    dept_ko: string;
    dept_en: string;
    grants: number;
    amount: string;
    cand: number;
    first_day: string | null;
    fresh: number;
    last_day: string | null;
  }[];
  const [dayRow] = (await tx.execute(sql`
    with ${grantsQuery(input, { ...checked, batch: -1 })}
    select count(distinct day)::int as days from slots`)) as unknown as { days: number }[];

  const departments = new Map<string, AllocationPreview["byDepartment"][number]>();
  const excludedCounts: Record<ExclusionReason, number> = {
    left: 0,
    suspended: 0,
    hiredAfterPeriod: 0,
    notEligible: 0,
    alreadyGranted: 0,
    capReached: 0,
  };
  const excluded: AllocationPreview["excluded"] = [];
  let people = 0;
  let grants = 0;
  let totalAmount = 0n;
  let midPeriodHires = 0;
  for (const row of rows) {
    if (row.grants > 0) {
      const amount = BigInt(row.amount);
      people += 1;
      grants += row.grants;
      totalAmount += amount;
      if (row.hired_on && row.hired_on > input.periodStart) midPeriodHires += 1;
      const key = row.department_id ?? "";
      const entry = departments.get(key) ?? { departmentId: row.department_id, nameKo: row.dept_ko, nameEn: row.dept_en, people: 0, grants: 0, amount: 0n };
      entry.people += 1;
      entry.grants += row.grants;
      entry.amount += amount;
      departments.set(key, entry);
      continue;
    }
    const reason: ExclusionReason =
      row.status === "left"
        ? "left"
        : row.status === "suspended"
          ? "suspended"
          : row.cand === 0
            ? row.last_day !== null && row.hired_on !== null && row.hired_on > row.last_day
              ? "hiredAfterPeriod"
              : "notEligible"
            : row.fresh === 0
              ? "alreadyGranted"
              : "capReached";
    excludedCounts[reason] += 1;
    if (excluded.length < EXCLUDED_LISTED) {
      excluded.push({ employeeId: row.id, name: row.name, employeeNo: row.employee_no, nameKo: row.dept_ko, nameEn: row.dept_en, reason });
    }
  }
  const byPolicy = (await tx.execute(sql`
    with ${grantsQuery(input, checked)}
    select policy_id, count(*)::int as grants, sum(amount)::text as amount from final group by policy_id`)) as unknown as {
    policy_id: string;
    grants: number;
    amount: string;
  }[];
  return {
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    serviceDays: dayRow?.days ?? 0,
    people,
    grants,
    totalAmount,
    midPeriodHires,
    byDepartment: [...departments.values()].sort((a, b) => (a.amount === b.amount ? a.nameKo.localeCompare(b.nameKo) : a.amount > b.amount ? -1 : 1)),
    byPolicy: byPolicy.map((row) => ({ policyId: row.policy_id, grants: row.grants, amount: BigInt(row.amount) })),
    excludedCounts,
    excluded,
  };
}

/**
 * Executes an allocation in one transaction (the caller's): the employees in a few batches,
 * each one statement that inserts today's grants (with their accounts, opened with
 * their balance, and one balanced ledger transfer per employee from the voucher budget) and
 * plans the later days, one row per employee, policy version and meal. The days already granted
 * or planned are left out, and the unique allocation key makes a run racing this one create
 * nothing twice.
 */
export async function executeAllocation(args: { tx: DbOrTx; input: AllocationInput & { actorId: string; requestId?: string | null } }) {
  const { tx, input } = args;
  const checked = await checkInput(tx, input);
  // One allocation at a time: the "already granted" check and the inserts must see each other's grants.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('canteen.voucher_allocation'))`);
  // All budget shards, in id order like every money-moving transaction, before touching any.
  await tx.execute(sql`select id from accounts where kind = 'voucher_budget' order by id for no key update`);
  const [run] = await tx
    .insert(allocationRuns)
    .values({ periodStart: input.periodStart, periodEnd: input.periodEnd, policyIds: checked.policyIds, createdBy: input.actorId })
    .returning();
  if (!run) throw new Error("allocation run insert returned nothing");
  const memo = `voucher allocation ${input.periodStart}–${input.periodEnd}`;
  // Each batch adds grants the planner's statistics do not know of yet; a nested loop over
  // them for the "already granted" check would grow with the square of the batch.
  await tx.execute(sql`set local enable_nestloop = off`);
  await tx.execute(ALLOCATION_WORK_MEM);

  // Today's vouchers become grants now; later days are planned and made the day before (plans.ts).
  const dueThrough = allocationToday(input.now);
  let grantCount = 0;
  let employeeCount = 0;
  let totalAmount = 0n;
  for (let batch = 0; batch < BATCHES; batch++) {
    const [result] = (await tx.execute(sql`
      with ${grantsQuery(input, { ...checked, batch })},
      planned_rows as (
        insert into voucher_grant_plans (allocation_run_id, employee_id, policy_id, policy_version_id, meal, window_start, window_end,
          weekdays, store_ids, category_ids, group_payment_allowed, time_zone, days, amounts, next_day)
        select ${run.id}::uuid, employee_id, policy_id, version_id, meal, window_start, window_end,
          weekdays, store_ids, category_ids, group_payment_allowed, ${COMPANY_TIME_ZONE},
          array_agg(service_date order by service_date), array_agg(amount order by service_date), min(service_date)
        from final
        where not pooled and service_date > ${dueThrough}::date
        group by employee_id, policy_id, version_id, meal, window_start, window_end, weekdays, store_ids, category_ids, group_payment_allowed
        returning employee_id, cardinality(days) as days, (select sum(x) from unnest(amounts) as x) as total
      ),
      src as (
        select *, ${run.id}::uuid as run_id from final where pooled or service_date <= ${dueThrough}::date
      ),
      ${insertGrantsFromSrc(memo)}
      select (select count(*) from g)::int + (select coalesce(sum(days), 0) from planned_rows)::int as grants,
        ((select coalesce(sum(amount), 0) from g) + (select coalesce(sum(total), 0) from planned_rows))::text as total,
        (select count(*) from (select employee_id from g union select employee_id from planned_rows) as given)::int as employees,
        (select count(*) from budget_update)::int as shards`)) as unknown as {
      grants: number;
      total: string;
      employees: number;
    }[];
    grantCount += result?.grants ?? 0;
    employeeCount += result?.employees ?? 0;
    totalAmount += BigInt(result?.total ?? "0");
  }
  await tx.execute(sql`reset enable_nestloop`);
  await tx.execute(sql`reset work_mem`);
  const [done] = await tx
    .update(allocationRuns)
    .set({ grantCount, employeeCount, totalAmount })
    .where(eq(allocationRuns.id, run.id))
    .returning();
  if (!done) throw new Error("allocation run vanished");
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "voucher_allocation.execute",
    entityType: "allocation_run",
    entityId: run.id,
    after: done,
    requestId: input.requestId,
  });
  return done;
}

/**
 * Takes back what a run gave and nobody has spent. A grant never used is revoked: all its value
 * returns to the budget and its (employee, day, meal) slot is free for a corrected run. A grant
 * partly used keeps what was spent; the rest returns and the grant is closed (expired), still
 * holding its slot so no later run gives that meal twice. A grant fully spent stays as it is.
 */
export async function revokeAllocationRun(args: {
  tx: DbOrTx;
  input: { runId: string; actorId: string; now: Date; requestId?: string | null };
}) {
  const { tx, input } = args;
  const [run] = await tx.select().from(allocationRuns).where(eq(allocationRuns.id, input.runId)).for("update");
  if (!run) throw new DomainError("NOT_FOUND", "allocationRunNotFound", "no such allocation run");
  if (run.status === "revoked") throw new DomainError("CONFLICT", "allocationRunRevoked", "this run was already revoked");
  // Planned days are never made now; a maker holding a plan finishes first, so its grants are revoked below.
  await tx.execute(sql`select id from voucher_grant_plans where allocation_run_id = ${run.id} and next_day is not null order by id for update`);
  const [unplanned] = (await tx.execute(sql`
    with days as (${pendingPlanDays(sql`p.allocation_run_id = ${run.id}`)}),
    cleared as (update voucher_grant_plans p set next_day = null where p.allocation_run_id = ${run.id} and p.next_day is not null returning p.id)
    select (select count(*) from days)::int as days, (select coalesce(sum(amount), 0) from days)::text as amount,
      (select count(*) from cleared)::int as plans`)) as unknown as { days: number; amount: string }[];
  // The run's grant accounts and every budget shard, in id order like every payment, so none waits in a cycle.
  await tx.execute(sql`
    select a.id from accounts a
    where (a.kind = 'voucher_grant' and a.grant_id in (select id from voucher_grants where allocation_run_id = ${run.id} and status = 'active'))
       or (a.kind = 'voucher_budget' and a.store_id is null and a.user_id is null)
    order by a.id for no key update`);
  const memo = `voucher allocation revoked ${run.periodStart}–${run.periodEnd}`;
  const [result] = (await tx.execute(sql`
    with rg as (
      select g.id as grant_id, g.employee_id, g.amount, a.id as account_id, a.balance
      from voucher_grants g join accounts a on a.grant_id = g.id and a.kind = 'voucher_grant'
      where g.allocation_run_id = ${run.id} and g.status = 'active' and a.balance > 0
    ),
    closed as (
      update voucher_grants g
      set status = (case when rg.balance = rg.amount then 'revoked' else 'expired' end)::grant_status, closed_at = ${input.now.toISOString()}::timestamptz
      from rg where g.id = rg.grant_id
      returning g.id, g.status
    ),
    tr as (
      select employee_id, gen_random_uuid() as id, sum(balance)::bigint as total, get_byte(uuid_send(employee_id), 15) % 16 as shard
      from rg group by employee_id
    ),
    t_ins as (
      insert into ledger_transfers (id, kind, memo, created_by) select id, 'voucher_revoke', ${memo}, ${input.actorId}::uuid from tr
    ),
    budget as (select id, shard from accounts where kind = 'voucher_budget' and store_id is null and user_id is null),
    e as (
      insert into ledger_entries (transfer_id, account_id, amount)
      select tr.id, rg.account_id, -rg.balance from rg join tr on tr.employee_id = rg.employee_id
      union all
      select tr.id, b.id, tr.total from tr join budget b on b.shard = tr.shard
      returning account_id, amount
    ),
    balances as (
      update accounts set balance = accounts.balance + d.amount
      from (select account_id, sum(amount)::bigint as amount from e group by account_id) as d
      where accounts.id = d.account_id
      returning accounts.id
    )
    select (select count(*) from closed where status = 'revoked')::int as revoked,
      (select count(*) from closed where status = 'expired')::int as partly_used,
      (select coalesce(sum(balance), 0) from rg)::text as returned,
      (select count(*) from balances)::int as accounts`)) as unknown as { revoked: number; partly_used: number; returned: string }[];
  // What the run no longer gives: the unspent value of its grants (back to the budget) and its
  // cancelled planned days (which never left it), comparable with the run's total.
  const returned = BigInt(result?.returned ?? "0") + BigInt(unplanned?.amount ?? "0");
  const [done] = await tx
    .update(allocationRuns)
    .set({
      status: "revoked",
      revokedBy: input.actorId,
      revokedAt: input.now,
      revokedGrantCount: (result?.revoked ?? 0) + (unplanned?.days ?? 0),
      returnedAmount: returned,
    })
    .where(eq(allocationRuns.id, run.id))
    .returning();
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "voucher_allocation.revoke",
    entityType: "allocation_run",
    entityId: run.id,
    before: run,
    after: { ...done, partlyUsedClosed: result?.partly_used ?? 0 },
    requestId: input.requestId,
  });
  return { run: done, revoked: (result?.revoked ?? 0) + (unplanned?.days ?? 0), partlyUsed: result?.partly_used ?? 0, returned };
}

export async function listAllocationRuns(args: { tx: DbOrTx; input: { limit: number } }) {
  const { tx, input } = args;
  return tx
    .select({
      id: allocationRuns.id,
      periodStart: allocationRuns.periodStart,
      periodEnd: allocationRuns.periodEnd,
      policyIds: allocationRuns.policyIds,
      status: allocationRuns.status,
      employeeCount: allocationRuns.employeeCount,
      grantCount: allocationRuns.grantCount,
      totalAmount: allocationRuns.totalAmount,
      createdAt: allocationRuns.createdAt,
      createdByName: users.name,
      revokedAt: allocationRuns.revokedAt,
      revokedGrantCount: allocationRuns.revokedGrantCount,
      returnedAmount: allocationRuns.returnedAmount,
    })
    .from(allocationRuns)
    .leftJoin(users, eq(users.id, allocationRuns.createdBy))
    .orderBy(desc(allocationRuns.createdAt))
    .limit(input.limit);
}
