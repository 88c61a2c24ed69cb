import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { withIdempotency } from "./idempotency";

/**
 * Two requests that take the same two rows in opposite orders: PostgreSQL aborts one to break
 * the deadlock. With `retryDeadlocks` the aborted one runs again and both succeed, once each.
 */
describe("idempotent work and deadlocks", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.execute(sql`create table deadlock_probe (id int primary key, touched int not null default 0)`);
    await database.db.execute(sql`insert into deadlock_probe (id) values (1), (2)`);
  });
  afterAll(() => database.close());

  /** Two concurrent requests; on their first attempt each locks its own row, waits for the other, then wants the other's. */
  const crossing = async (retryDeadlocks: boolean, run: string) => {
    const attempts = { a: 0, b: 0 };
    let arrived = 0;
    let bothLocked!: () => void;
    const barrier = new Promise<void>((resolve) => (bothLocked = resolve));
    const request = (name: "a" | "b", first: number, second: number) =>
      withIdempotency(
        database.db,
        { scope: `deadlock-${run}`, procedure: "test.crossing", key: name, request: { name } },
        async (tx) => {
          attempts[name] += 1;
          await tx.execute(sql`update deadlock_probe set touched = touched + 1 where id = ${first}`);
          if (attempts[name] === 1) {
            arrived += 1;
            if (arrived === 2) bothLocked();
            await barrier;
          }
          await tx.execute(sql`update deadlock_probe set touched = touched + 1 where id = ${second}`);
          return `${name} done`;
        },
        { retryDeadlocks },
      );
    const results = await Promise.allSettled([request("a", 1, 2), request("b", 2, 1)]);
    return { results, attempts };
  };

  it("runs the request the deadlock aborted again, so both succeed and each key is used once", async () => {
    const [before] = (await database.db.execute(sql`select sum(touched)::int as n from deadlock_probe`)) as unknown as { n: number }[];
    const { results, attempts } = await crossing(true, "retry");
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(attempts.a + attempts.b).toBe(3);
    // Two requests, two rows each: the aborted attempt left nothing behind.
    const [after] = (await database.db.execute(sql`select sum(touched)::int as n from deadlock_probe`)) as unknown as { n: number }[];
    expect((after?.n ?? 0) - (before?.n ?? 0)).toBe(4);
    const [keys] = (await database.db.execute(sql`select count(*)::int as n from idempotency_keys where scope = 'deadlock-retry'`)) as unknown as { n: number }[];
    expect(keys?.n).toBe(2);
  });

  it("without the option the aborted request fails with the deadlock and writes nothing", async () => {
    const { results } = await crossing(false, "plain");
    const failed = results.filter((result) => result.status === "rejected");
    expect(failed).toHaveLength(1);
    expect(String((failed[0] as PromiseRejectedResult).reason)).toMatch(/deadlock/);
    const [keys] = (await database.db.execute(sql`select count(*)::int as n from idempotency_keys where scope = 'deadlock-plain'`)) as unknown as { n: number }[];
    expect(keys?.n).toBe(1);
  });
});
