import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users, voucherGrantPlans, voucherGrants } from "@/db/schema";
import { shardedBalance } from "@/server/domain/ledger/accounts";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { loadPayHome } from "@/server/domain/pay/home";
import { employeeFigures } from "@/server/domain/people/list-employees";
import { markEmployeeLeft } from "@/server/domain/people/manage-employee";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { moneyWorld } from "@/test/money-fixtures";
import { employeeVouchers } from "./adjustments";
import { executeAllocation, previewAllocation, revokeAllocationRun } from "./allocation";
import { grantsDueThrough, makeAllDueGrants, makeDueGrants, pendingPlanDays } from "./plans";
import { createPolicy } from "./policies";
import { weekdayMealTerms } from "./policy-input";

// Wednesday 10 March 2027, 09:00 in Seoul. Today's lunch (11:00–14:00) is made at once; the
// other 15 weekdays of March (11–12, 15–19, 22–26, 29–31) are planned.
const NOW = new Date("2027-03-10T09:00:00+09:00");
const MARCH = { periodStart: "2027-03-01", periodEnd: "2027-03-31" };
const MADE_AT_ONCE = 1;
const PLANNED = 15;
const at = (day: string, time: string) => new Date(`${day}T${time}:00+09:00`);

type World = Awaited<ReturnType<typeof moneyWorld>>;

/** The service days of an employee's grants of a policy, revoked ones left out. */
const madeDays = async (db: Db, employeeId: string, policyId: string) =>
  (
    await db
      .select({ day: voucherGrants.serviceDate })
      .from(voucherGrants)
      .where(and(eq(voucherGrants.employeeId, employeeId), eq(voucherGrants.policyId, policyId), sql`${voucherGrants.status} <> 'revoked'`))
      .orderBy(voucherGrants.serviceDate)
  ).map((row) => row.day);

/** The planned days not made yet, in order. */
const pendingDays = async (db: Db, where: SQL = sql`true`) =>
  ((await db.execute(sql`select day::text as day from (${pendingPlanDays(where)}) planned order by day`)) as unknown as { day: string }[]).map(
    (row) => row.day,
  );

describe("allocation plans: the days after tomorrow are made as they come", () => {
  let database: TestDatabase;
  let world: World;
  let hrId: string;
  let people: number;
  let lunchPolicy: string;

  const grantDays = (employeeId: string) => madeDays(database.db, employeeId, lunchPolicy);
  const plannedDays = async () => (await pendingDays(database.db)).length;
  const newPolicy = async (name: string, meal: "breakfast" | "lunch" | "dinner", amount: number, window: [string, string], extra = {}) => {
    const terms = { ...weekdayMealTerms(amount, window[0], window[1], "2027-03-10"), ...extra };
    const { policy } = await database.db.transaction((tx) => createPolicy({ tx, input: { name, meal, terms, actorId: hrId, now: NOW } }));
    return policy.id;
  };
  const execute = (policyIds: string[], now = NOW) =>
    database.db.transaction((tx) => executeAllocation({ tx, input: { ...MARCH, policyIds, now, actorId: hrId } }));

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    const [hr] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@canteen.dev"));
    hrId = hr?.id ?? "";
    const [count] = await database.sql`select count(*)::int as n from users where role = 'employee' and status = 'active'`;
    people = Number(count?.n);
    lunchPolicy = await newPolicy("중식", "lunch", 9_000, ["11:00", "14:00"]);
  });
  afterAll(async () => {
    const report = await verifyLedger(database.db);
    expect(report.checks.filter((check) => check.breaches > 0)).toEqual([]);
    await database.close();
  });

  it("gives today at once, plans the rest, and funds only what it made", async () => {
    expect(grantsDueThrough(NOW)).toBe("2027-03-11");
    const budgetBefore = await shardedBalance(database.db, "voucher_budget", null);
    const preview = await database.db.transaction((tx) => previewAllocation({ tx, input: { ...MARCH, policyIds: [lunchPolicy], now: NOW } }));
    const run = await execute([lunchPolicy]);

    // The run counts every day it gives, made or planned, as the preview did.
    expect(run.grantCount).toBe(people * (MADE_AT_ONCE + PLANNED));
    expect(run.grantCount).toBe(preview.grants);
    expect(run.totalAmount).toBe(BigInt(people * (MADE_AT_ONCE + PLANNED) * 9_000));
    expect(run.employeeCount).toBe(people);
    const someone = await world.employee(7);
    expect(await grantDays(someone)).toEqual(["2027-03-10"]);
    expect(await plannedDays()).toBe(people * PLANNED);
    const plans = await database.db.select().from(voucherGrantPlans).where(eq(voucherGrantPlans.employeeId, someone));
    expect(plans).toHaveLength(1);
    expect(plans[0]?.nextDay).toBe("2027-03-11");
    expect(plans[0]?.days).toHaveLength(PLANNED);
    // The budget paid for the day made, not for the planned ones.
    expect(await shardedBalance(database.db, "voucher_budget", null)).toBe(budgetBefore - BigInt(people * MADE_AT_ONCE * 9_000));

    // Planned days count as given: a second run gives nothing and the preview says why.
    const again = await execute([lunchPolicy]);
    expect(again.grantCount).toBe(0);
    const after = await database.db.transaction((tx) => previewAllocation({ tx, input: { ...MARCH, policyIds: [lunchPolicy], now: NOW } }));
    expect(after.grants).toBe(0);
    expect(after.excludedCounts.alreadyGranted).toBe(people);
  });

  it("HR's employee table counts this month's planned days as granted", async () => {
    const someone = await world.employee(7);
    const figures = await employeeFigures(database.db, [someone], NOW);
    expect(figures.get(someone)?.vouchersGranted).toBe(BigInt((MADE_AT_ONCE + PLANNED) * 9_000));
  });

  it("a daily cap counts the planned days of another run", async () => {
    // Dinner 9,000 capped at 12,000 a day: the lunch already planned leaves 3,000 for dinner.
    const dinner = await newPolicy("석식", "dinner", 9_000, ["17:30", "20:00"], { dailyCap: 12_000 });
    await execute([dinner]);
    const someone = await world.employee(8);
    await makeAllDueGrants(database.db, { allDays: true });
    const rows = await database.db
      .select({ day: voucherGrants.serviceDate, amount: voucherGrants.amount })
      .from(voucherGrants)
      .where(and(eq(voucherGrants.employeeId, someone), eq(voucherGrants.policyId, dinner)));
    expect(rows).toHaveLength(MADE_AT_ONCE + PLANNED);
    expect(rows.every((row) => row.amount === 3_000n)).toBe(true);
  });
});

describe("making planned days", () => {
  let database: TestDatabase;
  let world: World;
  let hrId: string;
  let lunchPolicy: string;
  let runId: string;

  const plannedFor = (employeeId: string) => pendingDays(database.db, sql`p.employee_id = ${employeeId}`);
  const madeFor = (employeeId: string) => madeDays(database.db, employeeId, lunchPolicy);

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    const [hr] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@canteen.dev"));
    hrId = hr?.id ?? "";
    const terms = weekdayMealTerms(9_000, "11:00", "14:00", "2027-03-10");
    const { policy } = await database.db.transaction((tx) => createPolicy({ tx, input: { name: "중식", meal: "lunch", terms, actorId: hrId, now: NOW } }));
    lunchPolicy = policy.id;
    const run = await database.db.transaction((tx) =>
      executeAllocation({ tx, input: { ...MARCH, policyIds: [lunchPolicy], now: NOW, actorId: hrId } }),
    );
    runId = run.id;
  });
  afterAll(async () => {
    const report = await verifyLedger(database.db);
    expect(report.checks.filter((check) => check.breaches > 0)).toEqual([]);
    await database.close();
  });

  it("a payment on a day the jobs runner has not made yet makes the payer's days and pays with the voucher", async () => {
    const payer = await world.employee(3);
    const bystander = await world.employee(4);
    const result = await world.sell({
      lines: [await world.line("americano")],
      payer: { employeeId: payer },
      remainder: { method: "card" },
      now: at("2027-03-15", "12:00"),
    });
    expect(result.tenders.some((tender) => tender.kind === "voucher")).toBe(true);
    // Through tomorrow (the 16th) for the payer; nobody else's plan moved.
    expect(await madeFor(payer)).toEqual(["2027-03-10", "2027-03-11", "2027-03-12", "2027-03-15", "2027-03-16"]);
    expect(await madeFor(bystander)).toEqual(["2027-03-10"]);
    expect((await plannedFor(payer))[0]).toBe("2027-03-17");
  });

  it("the pay app's home makes today's voucher and shows it", async () => {
    const employee = await world.employee(5);
    const home = await loadPayHome({ tx: database.db, input: { userId: employee, now: at("2027-03-17", "11:30") } });
    expect(home.vouchers.map((voucher) => voucher.meal)).toEqual(["lunch"]);
    expect(await madeFor(employee)).toContain("2027-03-17");
  });

  it("the job and payers racing make each day once", async () => {
    const now = at("2027-03-18", "00:10");
    const payers = await Promise.all([6, 9, 10].map((n) => world.employee(n)));
    const results = await Promise.all([
      makeAllDueGrants(database.db, { now, plansPerBatch: 7 }),
      makeAllDueGrants(database.db, { now, plansPerBatch: 5 }),
      ...payers.map((employeeId) => database.db.transaction((tx) => makeDueGrants(tx, { now, employeeIds: [employeeId] }))),
    ]);
    expect(results.reduce((sum, result) => sum + result.grants, 0)).toBeGreaterThan(0);
    const [duplicates] = await database.sql`
      select count(*)::int as n from (
        select employee_id, service_date, meal from voucher_grants where allocation_run_id is not null and status <> 'revoked'
        group by 1, 2, 3 having count(*) > 1) d`;
    expect(duplicates?.n).toBe(0);
    for (const employeeId of payers) expect(await madeFor(employeeId)).toContain("2027-03-19");
    // Nothing left due through the 19th, and a second pass makes nothing.
    expect(await makeAllDueGrants(database.db, { now })).toEqual({ grants: 0 });
    const [due] = await database.sql`select count(*)::int as n from voucher_grant_plans where next_day <= '2027-03-19'`;
    expect(due?.n).toBe(0);
  });

  it("HR looking at or taking back an employee's vouchers sees the planned days as vouchers", async () => {
    const employee = await world.employee(11);
    const view = await employeeVouchers({ tx: database.db, input: { employeeId: employee, now: at("2027-03-18", "09:00") } });
    expect(view.grants.filter((grant) => grant.serviceDate && grant.serviceDate >= "2027-03-22")).toHaveLength(8);
    expect(await plannedFor(employee)).toEqual([]);
  });

  it("a leaver's planned days are cancelled and counted as taken back", async () => {
    const leaver = await world.employee(12);
    const now = at("2027-03-19", "15:00");
    const result = await database.db.transaction((tx) =>
      markEmployeeLeft({ tx, input: { id: leaver, leftOn: "2027-03-19", now, actorId: hrId } }),
    );
    // Made through the 19th by the race above (the 20th–21st are a weekend); the 22nd–31st were planned.
    expect(result.revokedGrants).toBe(8);
    expect(result.revokedAmount).toBe(8n * 9_000n);
    expect(await plannedFor(leaver)).toEqual([]);
    await database.db.transaction((tx) => makeDueGrants(tx, { allDays: true, employeeIds: [leaver] }));
    expect((await madeFor(leaver)).at(-1)).toBe("2027-03-19");
  });

  it("revoking the run cancels every planned day and makes none later", async () => {
    const someone = await world.employee(13);
    const before = await plannedFor(someone);
    expect(before.length).toBeGreaterThan(0);
    const [{ planned, plannedValue } = { planned: 0, plannedValue: "0" }] = (await database.db.execute(sql`
      select count(*)::int as planned, coalesce(sum(amount), 0)::text as "plannedValue"
      from (${pendingPlanDays(sql`p.allocation_run_id = ${runId}`)}) pending`)) as unknown as { planned: number; plannedValue: string }[];
    const [{ unused, unspent } = { unused: 0, unspent: "0" }] = (await database.db.execute(sql`
      select count(*) filter (where a.balance = g.amount)::int as unused, coalesce(sum(a.balance), 0)::text as unspent
      from voucher_grants g join accounts a on a.grant_id = g.id
      where g.allocation_run_id = ${runId} and g.status = 'active'`)) as unknown as { unused: number; unspent: string }[];
    const budgetBefore = await shardedBalance(database.db, "voucher_budget", null);
    const revoked = await database.db.transaction((tx) =>
      revokeAllocationRun({ tx, input: { runId, actorId: hrId, now: at("2027-03-19", "16:00") } }),
    );
    expect(revoked.revoked).toBe(planned + unused);
    expect(revoked.run?.revokedGrantCount).toBe(planned + unused);
    // The run no longer gives its unspent and its planned value; only the unspent was ever funded.
    expect(revoked.returned).toBe(BigInt(unspent) + BigInt(plannedValue));
    expect(await shardedBalance(database.db, "voucher_budget", null)).toBe(budgetBefore + BigInt(unspent));
    expect(await plannedFor(someone)).toEqual([]);
    expect(await makeAllDueGrants(database.db, { allDays: true })).toEqual({ grants: 0 });
  });
});
