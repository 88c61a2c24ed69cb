import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoHistory } from "./demo-history";
import { seed } from "./seed";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { createTestDatabase, type TestDatabase } from "@/test/database";

// Thursday 2026-11-26, 15:00 in Seoul: the last three working days are the 23rd to the 25th.
const NOW = new Date("2026-11-26T15:00:00+09:00");
let database: TestDatabase;
let result: Awaited<ReturnType<typeof loadDemoHistory>>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(database.db);
  result = await loadDemoHistory(database.db, { now: NOW, lastWorkingDays: 3 });
}, 240_000);
afterAll(() => database.close());

describe("the demo history a fresh `npm start` loads", () => {
  it("sells on each of the working days, through the ledger, with nothing left in a queue", async () => {
    expect(result.days).toBe(3);
    expect(result.skipped).toBe(0);
    const days = await database.sql<{ day: string; orders: number }[]>`
      select business_date::text as day, count(*)::int as orders from orders group by 1 order by 1`;
    expect(days.map((row) => row.day)).toEqual(["2026-11-23", "2026-11-24", "2026-11-25"]);
    expect(days.every((row) => row.orders >= 30)).toBe(true);
    expect(days.reduce((sum, row) => sum + row.orders, 0)).toBe(result.orders);
    const [open] = await database.sql`select count(*)::int as n from orders where status <> 'picked_up'`;
    expect(open?.n).toBe(0);
    expect((await verifyLedger(database.db)).ok).toBe(true);
  });

  it("pays lunches with the month's vouchers and the rest from wallets, and expires what went unused", async () => {
    const tenders = await database.sql<{ kind: string; amount: string }[]>`
      select kind::text, sum(amount)::text as amount from payment_tenders group by kind`;
    const byKind = new Map(tenders.map((row) => [row.kind, BigInt(row.amount)]));
    expect(byKind.get("voucher") ?? 0n).toBeGreaterThan(0n);
    expect(byKind.get("wallet") ?? 0n).toBeGreaterThan(0n);
    const [stale] = await database.db.execute(sql`
      select count(*)::int as n from voucher_grants where status = 'active' and valid_until <= ${NOW.toISOString()}::timestamptz`);
    expect((stale as { n: number }).n).toBe(0);
    const [future] = await database.db.execute(sql`
      select count(*)::int as n from voucher_grants where status = 'active' and service_date > '2026-11-26'`);
    expect((future as { n: number }).n).toBeGreaterThan(0);
  });
});
