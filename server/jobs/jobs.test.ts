import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Database } from "@/db/client";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { moneyWorld } from "@/test/money-fixtures";
import { runExclusively } from "./exclusive";
import { expireAllVoucherGrants } from "./expire-vouchers";
import { nextMonthOf } from "./allocate-month";

describe("background jobs across replicas", () => {
  let database: TestDatabase;
  let world: Awaited<ReturnType<typeof moneyWorld>>;
  // Two "processes": pools of their own, as two replicas or two CronJob pods would have.
  let first: Database;
  let second: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    first = connect(database.url, { max: 3 });
    second = connect(database.url, { max: 3 });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await database.close();
  });

  it("voucher expiry run concurrently from two runners expires each grant once", async () => {
    const employees = await Promise.all([31, 32, 33, 34, 35].map((n) => world.employee(n)));
    const grants: string[] = [];
    for (const employeeId of employees) {
      for (let day = 0; day < 12; day++) {
        const validFrom = new Date(Date.UTC(2026, 9, 1 + day) - 9 * 3_600_000);
        const granted = await world.lunch(employeeId, {
          amount: 9_000n,
          validFrom,
          validUntil: new Date(validFrom.getTime() + 86_400_000),
        });
        grants.push(granted.id);
      }
    }
    const [budgetBefore] = await database.sql<{ total: string }[]>`select sum(balance)::text as total from accounts where kind = 'voucher_budget'`;

    // Small batches, so the two runners really interleave over the same rows.
    const now = new Date("2026-11-25T12:00:00+09:00");
    const [a, b] = await Promise.all([
      expireAllVoucherGrants(first.db, { now, batchSize: 3 }),
      expireAllVoucherGrants(second.db, { now, batchSize: 3 }),
    ]);
    expect(a.expired + b.expired).toBe(grants.length);
    expect(a.returned + b.returned).toBe(9_000n * BigInt(grants.length));

    // Exactly one expiry transfer per grant, every grant account at 0, the budget up by the total once.
    const perGrant = await database.sql<{ grant_id: string; expiries: number; balance: string; status: string }[]>`
      select g.id as grant_id, g.status, a.balance::text as balance,
        (select count(*)::int from ledger_entries e join ledger_transfers t on t.id = e.transfer_id
          where e.account_id = a.id and t.kind = 'voucher_expiry') as expiries
      from voucher_grants g join accounts a on a.grant_id = g.id and a.kind = 'voucher_grant'
      where g.id = any(${grants}::uuid[])`;
    expect(perGrant).toHaveLength(grants.length);
    for (const row of perGrant) expect(row).toMatchObject({ expiries: 1, balance: "0", status: "expired" });
    const [budgetAfter] = await database.sql<{ total: string }[]>`select sum(balance)::text as total from accounts where kind = 'voucher_budget'`;
    expect(BigInt(budgetAfter?.total ?? "0") - BigInt(budgetBefore?.total ?? "0")).toBe(9_000n * BigInt(grants.length));

    // A second sweep finds nothing left to do.
    expect(await expireAllVoucherGrants(second.db, { now })).toEqual({ expired: 0, returned: 0n });
  });

  it("lets one runner of a job in at a time, and the next one after it finishes", async () => {
    let release: () => void = () => {};
    const holding = new Promise<void>((resolve) => (release = resolve));
    const running = runExclusively(first.sql, "expire-vouchers", async () => {
      await holding;
      return "first";
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await runExclusively(second.sql, "expire-vouchers", async () => "second")).toEqual({ ran: false });
    // Another job is not held up.
    expect(await runExclusively(second.sql, "prune", async () => "prune")).toEqual({ ran: true, result: "prune" });
    release();
    expect(await running).toEqual({ ran: true, result: "first" });
    expect(await runExclusively(second.sql, "expire-vouchers", async () => "second")).toEqual({ ran: true, result: "second" });
  });

  it("schedules the allocation for the next month in Seoul", () => {
    expect(nextMonthOf(new Date("2026-11-25T12:00:00+09:00"))).toBe("2026-12");
    expect(nextMonthOf(new Date("2026-12-31T23:30:00+09:00"))).toBe("2027-01");
    // 2026-11-30 16:00 UTC is already December 1st in Seoul.
    expect(nextMonthOf(new Date("2026-11-30T16:00:00Z"))).toBe("2027-01");
  });
});
