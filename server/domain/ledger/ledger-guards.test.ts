import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";

let database: TestDatabase;
let debit: string;
let credit: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const rows = await database.sql<{ id: string }[]>`
    insert into accounts (kind, shard) values ('card_clearing', 99), ('promotion_expense', 99) returning id`;
  [debit, credit] = rows.map((row) => row.id) as [string, string];
});
afterAll(() => database.close());

/** Writes one transfer with the given legs (debit account, then credit account, alternating) in one transaction. */
async function post(amounts: number[], transferId?: string) {
  return database.sql.begin(async (sql) => {
    const [transfer] = transferId
      ? [{ id: transferId }]
      : await sql<{ id: string }[]>`insert into ledger_transfers (kind, memo) values ('adjustment', 'guard test') returning id`;
    for (const [index, amount] of amounts.entries()) {
      await sql`insert into ledger_entries (transfer_id, account_id, amount) values (${transfer!.id}, ${index % 2 ? credit : debit}, ${amount})`;
    }
    return transfer!.id;
  });
}

const unbalanced = (error: unknown) => /does not balance/.test(String(error));

describe("the ledger's balance check at commit", () => {
  it("accepts a balanced transfer of many legs", async () => {
    const legs = Array.from({ length: 100 }, (_, index) => (index % 2 ? -(index + 1) : index + 2));
    expect(legs.reduce((sum, amount) => sum + amount, 0)).toBe(0);
    await expect(post(legs)).resolves.toBeTypeOf("string");
  });

  it("refuses a transfer whose legs do not sum to zero, wherever the wrong leg is", async () => {
    await expect(post([500, -499])).rejects.toSatisfy(unbalanced);
    await expect(post([501, -500, 300, -300])).rejects.toSatisfy(unbalanced);
    await expect(post([300, -300, 500, -499])).rejects.toSatisfy(unbalanced);
  });

  it("refuses a later transaction that unbalances an existing transfer", async () => {
    const transferId = await post([700, -700]);
    await expect(post([5], transferId)).rejects.toSatisfy(unbalanced);
    await expect(post([5, -5], transferId)).resolves.toBe(transferId);
  });

  it("checks every transfer one statement writes, as an allocation does, and keeps no notes after commit", async () => {
    /** One statement: `count` transfers of two legs each; the transfer at `wrongAt` is 1원 off. */
    const postMany = (count: number, wrongAt?: number) =>
      database.sql.begin(async (sql) => {
        const transfers = await sql<{ id: string }[]>`
          insert into ledger_transfers (kind, memo) select 'adjustment', 'guard test ' || n from generate_series(1, ${count}) as n returning id`;
        const ids = transfers.map((transfer) => transfer.id);
        await sql`
          insert into ledger_entries (transfer_id, account_id, amount)
          select t.id, legs.account_id, legs.amount + (case when t.n = ${wrongAt ?? -1} and legs.account_id = ${credit}::uuid then 1 else 0 end)
          from unnest(${ids}::uuid[]) with ordinality as t(id, n)
          cross join (values (${debit}::uuid, 250::bigint), (${credit}::uuid, -250::bigint)) as legs(account_id, amount)`;
      });
    await expect(postMany(2_000)).resolves.toBeUndefined();
    await expect(postMany(2_000, 1_337)).rejects.toSatisfy(unbalanced);
    expect(await database.sql`select count(*)::int as n from ledger_balance_checks`).toEqual([{ n: 0 }]);
  });

  it("accepts a statement that writes no entries at all", async () => {
    await expect(
      database.sql.begin((sql) => sql`insert into ledger_entries (transfer_id, account_id, amount) select null, null, 1 where false`),
    ).resolves.toBeDefined();
  });

  it("leaves nothing behind from a refused transfer", async () => {
    const before = await database.sql`select count(*)::int as n from ledger_entries`;
    await expect(post([1, 2])).rejects.toSatisfy(unbalanced);
    expect(await database.sql`select count(*)::int as n from ledger_entries`).toEqual(before);
  });
});
