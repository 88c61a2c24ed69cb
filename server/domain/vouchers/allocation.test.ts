import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, departments, users, voucherGrants } from "@/db/schema";
import { seed } from "@/db/seed";
import { shardedBalance, systemAccountId, lockAccounts, firstId } from "@/server/domain/ledger/accounts";
import { postTransfer } from "@/server/domain/ledger/post-transfer";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { sessionOf } from "@/test/helpers";
import { executeAllocation, previewAllocation, revokeAllocationRun } from "./allocation";
import { changePolicy, createPolicy } from "./policies";
import { makeAllDueGrants } from "./plans";
import type { PolicyTerms } from "./policy-input";

// Fixed clock: allocations for 2027 are wholly in the future, so no day is skipped as already over.
const NOW = new Date("2027-02-20T09:00:00+09:00");

const lunchTerms = (overrides: Partial<PolicyTerms> = {}): PolicyTerms => ({
  amount: 9000,
  windowStart: "11:00",
  windowEnd: "14:00",
  weekdays: [1, 2, 3, 4, 5],
  includeHolidays: false,
  storeIds: null,
  departmentIds: null,
  dailyCap: null,
  monthlyCap: null,
  groupPaymentAllowed: true,
  unusedValue: "expire_at_window_end",
  effectiveFrom: "2027-03-01",
  ...overrides,
});

// March 2027: 23 weekdays, one of them (Monday the 1st) 삼일절.
const MARCH = { periodStart: "2027-03-01", periodEnd: "2027-03-31" };
const MARCH_SERVICE_DAYS = 22;

describe("voucher allocation runs", () => {
  let database: TestDatabase;
  let hrId: string;
  let policySeq = 0;

  const newPolicy = async (terms: Partial<PolicyTerms> = {}, meal: "breakfast" | "lunch" | "dinner" = "lunch") => {
    policySeq += 1;
    const { policy } = await database.db.transaction((tx) =>
      createPolicy({ tx, input: { name: `정책 ${policySeq}`, meal, terms: lunchTerms(terms), actorId: hrId, now: NOW } }),
    );
    return policy.id;
  };
  const preview = (policyIds: string[], period = MARCH) =>
    previewAllocation({ tx: database.db, input: { ...period, policyIds, now: NOW } });
  // The run, then every day it planned made as the days come (the jobs runner's make-vouchers).
  const execute = async (policyIds: string[], period = MARCH) => {
    const run = await database.db.transaction((tx) => executeAllocation({ tx, input: { ...period, policyIds, now: NOW, actorId: hrId } }));
    await makeAllDueGrants(database.db, { allDays: true });
    return run;
  };
  const activeEmployees = async () => {
    const [row] = await database.sql`select count(*)::int as n from users where role = 'employee' and status = 'active'`;
    return Number(row?.n);
  };
  const employeeByNo = async (n: number) => {
    const [row] = await database.db.select().from(users).where(eq(users.email, `employee${String(n).padStart(2, "0")}@canteen.dev`));
    if (!row) throw new Error(`no employee ${n}`);
    return row;
  };
  const grantsOf = (employeeId: string, policyId: string) =>
    database.db
      .select({ id: voucherGrants.id, day: voucherGrants.serviceDate, amount: voucherGrants.amount, status: voucherGrants.status, balance: accounts.balance })
      .from(voucherGrants)
      .innerJoin(accounts, eq(accounts.grantId, voucherGrants.id))
      .where(and(eq(voucherGrants.employeeId, employeeId), eq(voucherGrants.policyId, policyId)))
      .orderBy(voucherGrants.serviceDate);
  const expectLedgerClean = async () => {
    const report = await verifyLedger(database.db);
    expect(report.checks.filter((check) => check.breaches > 0)).toEqual([]);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
    hrId = (await sessionOf(database.db, "hr@canteen.dev")).id;
  });
  afterAll(async () => {
    await expectLedgerClean();
    await database.close();
  });

  it("previews what it then grants, skips the holiday, and a second execute creates nothing", async () => {
    const policyId = await newPolicy();
    const people = await activeEmployees();
    const budgetBefore = await shardedBalance(database.db, "voucher_budget", null);

    const first = await preview([policyId]);
    expect(first.serviceDays).toBe(MARCH_SERVICE_DAYS);
    expect(first.people).toBe(people);
    expect(first.grants).toBe(people * MARCH_SERVICE_DAYS);
    expect(first.totalAmount).toBe(BigInt(people * MARCH_SERVICE_DAYS * 9000));
    expect(first.byDepartment.reduce((sum, d) => sum + d.amount, 0n)).toBe(first.totalAmount);

    const run = await execute([policyId]);
    expect(run.grantCount).toBe(first.grants);
    expect(run.totalAmount).toBe(first.totalAmount);
    expect(run.employeeCount).toBe(first.people);
    // Funded from the budget through the ledger, each grant's account holding its amount.
    expect(await shardedBalance(database.db, "voucher_budget", null)).toBe(budgetBefore - first.totalAmount);
    const [onHoliday] = await database.sql`select count(*)::int as n from voucher_grants where policy_id = ${policyId} and service_date = '2027-03-01'`;
    expect(onHoliday?.n).toBe(0);
    const someone = await employeeByNo(7);
    const grants = await grantsOf(someone.id, policyId);
    expect(grants).toHaveLength(MARCH_SERVICE_DAYS);
    expect(grants.every((g) => g.amount === 9000n && g.balance === 9000n)).toBe(true);
    const [window] = await database.sql`select valid_from, valid_until from voucher_grants where id = ${grants[0]?.id ?? ""}`;
    expect(new Date(window?.valid_from).toISOString()).toBe("2027-03-02T02:00:00.000Z"); // 11:00 KST
    expect(new Date(window?.valid_until).toISOString()).toBe("2027-03-02T05:00:00.000Z"); // 14:00 KST

    const again = await execute([policyId]);
    expect(again.grantCount).toBe(0);
    expect(again.totalAmount).toBe(0n);
    const after = await preview([policyId]);
    expect(after.grants).toBe(0);
    expect(after.excludedCounts.alreadyGranted).toBe(people);
    await expectLedgerClean();
  });

  it("counts holidays when the policy says so", async () => {
    const policyId = await newPolicy({ includeHolidays: true }, "dinner");
    const result = await preview([policyId]);
    expect(result.serviceDays).toBe(MARCH_SERVICE_DAYS + 1);
  });

  it("gives a mid-period hire grants from the start date, and leavers, the suspended and future hires nothing", async () => {
    const policyId = await newPolicy({ effectiveFrom: "2027-04-01" }, "breakfast");
    const hire = await employeeByNo(11);
    const leaver = await employeeByNo(12);
    const suspended = await employeeByNo(13);
    const future = await employeeByNo(14);
    await database.db.update(users).set({ hiredOn: "2027-04-15" }).where(eq(users.id, hire.id));
    await database.db.update(users).set({ status: "left" }).where(eq(users.id, leaver.id));
    await database.db.update(users).set({ status: "suspended" }).where(eq(users.id, suspended.id));
    await database.db.update(users).set({ hiredOn: "2027-05-03" }).where(eq(users.id, future.id));
    try {
      const april = { periodStart: "2027-04-01", periodEnd: "2027-04-30" };
      const result = await preview([policyId], april);
      expect(result.midPeriodHires).toBe(1);
      const reasons = Object.fromEntries(result.excluded.map((row) => [row.employeeId, row.reason]));
      expect(reasons[leaver.id]).toBe("left");
      expect(reasons[suspended.id]).toBe("suspended");
      expect(reasons[future.id]).toBe("hiredAfterPeriod");
      expect(reasons[hire.id]).toBeUndefined();

      await execute([policyId], april);
      const hireGrants = await grantsOf(hire.id, policyId);
      // April 2027 from the 15th (Thursday): 15, 16, 19–23, 26–30 = 12 weekdays.
      expect(hireGrants.map((g) => g.day)[0]).toBe("2027-04-15");
      expect(hireGrants).toHaveLength(12);
      expect(await grantsOf(leaver.id, policyId)).toHaveLength(0);
      expect(await grantsOf(suspended.id, policyId)).toHaveLength(0);
      expect(await grantsOf(future.id, policyId)).toHaveLength(0);
    } finally {
      await database.db.update(users).set({ status: "active", hiredOn: hire.hiredOn }).where(eq(users.id, hire.id));
      await database.db.update(users).set({ status: "active" }).where(eq(users.id, leaver.id));
      await database.db.update(users).set({ status: "active" }).where(eq(users.id, suspended.id));
      await database.db.update(users).set({ hiredOn: future.hiredOn }).where(eq(users.id, future.id));
    }
  });

  it("a change from the 15th leaves earlier grants alone and gives the new amount from the 15th", async () => {
    const may = { periodStart: "2027-05-01", periodEnd: "2027-05-31" };
    const policyId = await newPolicy({ effectiveFrom: "2027-05-01" });
    await execute([policyId], { periodStart: "2027-05-01", periodEnd: "2027-05-14" });
    const someone = await employeeByNo(3);
    const before = await grantsOf(someone.id, policyId);

    await database.db.transaction((tx) =>
      changePolicy({
        tx,
        input: { policyId, terms: lunchTerms({ amount: 10_000, effectiveFrom: "2027-05-15" }), actorId: hrId, now: NOW },
      }),
    );
    const result = await preview([policyId], may);
    // 17–21, 24–28, 31 May (the 15th is a Saturday): 11 weekdays at the new amount, nothing before.
    expect(result.grants).toBe((await activeEmployees()) * 11);
    await execute([policyId], may);

    const after = await grantsOf(someone.id, policyId);
    const early = after.filter((g) => (g.day ?? "") < "2027-05-15");
    expect(early).toEqual(before);
    expect(early.every((g) => g.amount === 9000n)).toBe(true);
    const late = after.filter((g) => (g.day ?? "") >= "2027-05-15");
    expect(late).toHaveLength(11);
    expect(late.every((g) => g.amount === 10_000n)).toBe(true);
    // 5 May (어린이날) and 13 May (부처님오신날) are skipped.
    expect(early.map((g) => g.day)).not.toContain("2027-05-05");
    expect(early.map((g) => g.day)).not.toContain("2027-05-13");
  });

  it("gives only the chosen departments' employees, and says why the rest get nothing", async () => {
    const [eng] = await database.db.select().from(departments).where(eq(departments.code, "eng"));
    if (!eng) throw new Error("no eng department");
    const policyId = await newPolicy({ effectiveFrom: "2027-06-01", departmentIds: [eng.id] });
    const june = { periodStart: "2027-06-01", periodEnd: "2027-06-30" };
    const result = await preview([policyId], june);
    const [counts] = await database.sql`select
        count(*) filter (where department_id = ${eng.id})::int as eng,
        count(*) filter (where department_id is distinct from ${eng.id})::int as others
      from users where role = 'employee' and status = 'active'`;
    expect(result.people).toBe(counts?.eng);
    expect(result.excludedCounts.notEligible).toBe(counts?.others);
    expect(result.byDepartment.map((d) => d.departmentId)).toEqual([eng.id]);
    const run = await execute([policyId], june);
    const [granted] = await database.sql`select count(distinct g.employee_id)::int as people, bool_and(u.department_id = ${eng.id}) as all_eng
      from voucher_grants g join users u on u.id = g.employee_id where g.allocation_run_id = ${run.id}`;
    expect(granted).toEqual({ people: counts?.eng, all_eng: true });
  });

  it("pools a month into one grant and stops at the monthly cap", async () => {
    const pooled = await newPolicy({ effectiveFrom: "2027-07-01", unusedValue: "monthly_pool" }, "dinner");
    const july = { periodStart: "2027-07-01", periodEnd: "2027-07-31" };
    await execute([pooled], july);
    const someone = await employeeByNo(4);
    const grants = await grantsOf(someone.id, pooled);
    // July 2027 has 22 weekdays and no holiday.
    expect(grants).toEqual([expect.objectContaining({ day: "2027-07-01", amount: 22n * 9000n })]);
    expect((await execute([pooled], july)).grantCount).toBe(0);

    const capped = await newPolicy({ effectiveFrom: "2027-07-01", monthlyCap: 100_000 }, "breakfast");
    await execute([capped], july);
    const capGrants = await grantsOf(someone.id, capped);
    expect(capGrants.reduce((sum, g) => sum + g.amount, 0n)).toBe(100_000n);
    expect(capGrants).toHaveLength(12);
    expect(capGrants.at(-1)?.amount).toBe(1000n);
  });

  it("revoking a run returns unused value to the budget, keeps what was spent, and frees the unused days", async () => {
    const policyId = await newPolicy({ effectiveFrom: "2027-08-02" });
    const august = { periodStart: "2027-08-02", periodEnd: "2027-08-06" };
    const run = await execute([policyId], august);
    const someone = await employeeByNo(5);
    const [firstGrant, secondGrant] = await grantsOf(someone.id, policyId);
    if (!firstGrant || !secondGrant) throw new Error("expected grants");
    const [cafe] = await database.sql`select id from stores where code = 'hq-cafe'`;
    // The employee spends 4,500원 of the first day's voucher and all of the second day's at the cafe.
    await database.db.transaction(async (tx) => {
      const [a1] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.grantId, firstGrant.id));
      const [a2] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.grantId, secondGrant.id));
      if (!a1 || !a2) throw new Error("no grant accounts");
      const { systemIds } = await lockAccounts(tx, [a1.id, a2.id], [{ kind: "store_revenue", storeId: String(cafe?.id) }]);
      await postTransfer(tx, {
        kind: "payment",
        entries: [
          { accountId: a1.id, amount: -4500n },
          { accountId: a2.id, amount: -9000n },
          { accountId: firstId(systemIds), amount: 13_500n },
        ],
      });
    });
    const budgetBefore = await shardedBalance(database.db, "voucher_budget", null);
    const revoked = await database.db.transaction((tx) => revokeAllocationRun({ tx, input: { runId: run.id, actorId: hrId, now: NOW } }));
    expect(revoked.returned).toBe(run.totalAmount - 13_500n);
    expect(revoked.revoked).toBe(run.grantCount - 2);
    expect(revoked.partlyUsed).toBe(1);
    expect(await shardedBalance(database.db, "voucher_budget", null)).toBe(budgetBefore + revoked.returned);
    const after = await grantsOf(someone.id, policyId);
    expect(after.find((g) => g.id === firstGrant.id)).toMatchObject({ status: "expired", balance: 0n });
    expect(after.find((g) => g.id === secondGrant.id)).toMatchObject({ status: "active", balance: 0n });
    expect(after.filter((g) => g.status === "revoked")).toHaveLength(3);
    await expectLedgerClean();
    await expect(database.db.transaction((tx) => revokeAllocationRun({ tx, input: { runId: run.id, actorId: hrId, now: NOW } }))).rejects.toMatchObject({
      messageKey: "allocationRunRevoked",
    });

    // A corrected run gives the revoked days again, but never the days already used.
    const rerun = await execute([policyId], august);
    expect(rerun.grantCount).toBe(run.grantCount - 2);
    expect((await grantsOf(someone.id, policyId)).filter((g) => g.status === "active")).toHaveLength(4);
    await expectLedgerClean();
  });

  it("refuses a period that ends before it starts, and no policy", async () => {
    const policyId = await newPolicy({ effectiveFrom: "2027-09-01" });
    await expect(preview([policyId], { periodStart: "2027-09-10", periodEnd: "2027-09-01" })).rejects.toMatchObject({ messageKey: "allocationPeriodOrder" });
    await expect(preview([], MARCH)).rejects.toMatchObject({ messageKey: "allocationNoPolicies" });
    await expect(preview([policyId], { periodStart: "2027-01-01", periodEnd: "2027-12-31" })).rejects.toMatchObject({ messageKey: "allocationPeriodTooLong" });
  });

  it("uses sql for revenue accounts", async () => {
    expect(await systemAccountId(database.db, "voucher_budget", null, 0)).toBeTruthy();
    const [row] = await database.db.execute(sql`select count(*)::int as n from audit_log where action like 'voucher_%'`) as unknown as { n: number }[];
    expect(row?.n).toBeGreaterThan(5);
  });
});
