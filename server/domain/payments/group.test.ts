import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { walletOf } from "@/server/domain/ledger/accounts";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { moneyWorld } from "@/test/money-fixtures";

describe("group payment (함께결제)", () => {
  let database: TestDatabase;
  let world: Awaited<ReturnType<typeof moneyWorld>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
  });
  afterAll(async () => {
    expect((await verifyLedger(database.db)).ok).toBe(true);
    await database.close();
  });

  const balances = async (ids: string[]) =>
    Promise.all(ids.map(async (id) => (await walletOf(database.db, id))?.balance ?? 0n));
  const voucherLeft = async (employeeId: string) => {
    const [row] = await database.sql`select coalesce(sum(a.balance), 0)::int as left from accounts a join voucher_grants g on g.id = a.grant_id where g.employee_id = ${employeeId}`;
    return row?.left;
  };

  it("three colleagues, one without a voucher: vouchers first, the rest split evenly across wallets", async () => {
    const [a, b, c] = await Promise.all([world.employee(44), world.employee(45), world.employee(46)]);
    if (!a || !b || !c) throw new Error("employees");
    for (const id of [a, b, c]) await world.fund(id, 20_000n);
    await world.lunch(a);
    await world.lunch(c);
    // 4 sandwiches (22,000) + 2 caramel macchiatos (9,000) = 31,000: 18,000 by vouchers, 13,000 → 4,334 + 4,333 + 4,333.
    const paid = await world.sell({
      lines: [await world.line("sandwich", 4), await world.line("caramel-macchiato", 2)],
      payer: null,
      payers: [{ employeeId: a }, { employeeId: b }, { employeeId: c }],
      walletSplit: "even",
    });
    expect(paid.total).toBe(31_000n);
    expect(paid.payers).toEqual([
      expect.objectContaining({ employeeId: a, voucher: 9_000n, wallet: 4_334n }),
      expect.objectContaining({ employeeId: b, voucher: 0n, wallet: 4_333n }),
      expect.objectContaining({ employeeId: c, voucher: 9_000n, wallet: 4_333n }),
    ]);
    expect(await balances([a, b, c])).toEqual([15_666n, 15_667n, 15_667n]);
    const tenders = await database.sql`select payer_id, kind::text, amount::int from payment_tenders where order_id = ${paid.orderId} order by sequence`;
    expect(tenders.map((t) => [t.payer_id, t.kind, t.amount])).toEqual([
      [a, "voucher", 9_000],
      [c, "voucher", 9_000],
      [a, "wallet", 4_334],
      [b, "wallet", 4_333],
      [c, "wallet", 4_333],
    ]);
  });

  it("charges nobody when one colleague's share cannot be covered", async () => {
    const [a, b] = await Promise.all([world.employee(47), world.employee(48)]);
    if (!a || !b) throw new Error("employees");
    await world.fund(a, 20_000n);
    await world.fund(b, 1_000n);
    await world.lunch(a);
    const before = [await balances([a, b]), await voucherLeft(a)];
    await expect(
      world.sell({ lines: [await world.line("sandwich", 4)], payer: null, payers: [{ employeeId: a }, { employeeId: b }], walletSplit: "even" }),
    ).rejects.toMatchObject({ messageKey: "insufficientBalance", details: { shortfall: 5_500 } });
    expect([await balances([a, b]), await voucherLeft(a)]).toEqual(before);

    // With the gap on the card, the same group pays: nobody's wallet gives more than their share.
    const paid = await world.sell({
      lines: [await world.line("sandwich", 4)],
      payer: null,
      payers: [{ employeeId: a }, { employeeId: b }],
      walletSplit: "even",
      remainder: { method: "card" },
    });
    expect(paid.tenders.map((t) => [t.kind, t.amount])).toEqual([
      ["voucher", 9_000n],
      ["wallet", 6_500n],
      ["wallet", 1_000n],
      ["card", 5_500n],
    ]);
  });

  it("the first person can take the whole rest, and one person cannot pay twice", async () => {
    const [a, b] = await Promise.all([world.employee(49), world.employee(50)]);
    if (!a || !b) throw new Error("employees");
    await world.fund(a, 30_000n);
    await world.fund(b, 30_000n);
    const paid = await world.sell({ lines: [await world.line("cafe-latte", 2)], payer: null, payers: [{ employeeId: a }, { employeeId: b }], walletSplit: "first" });
    expect(paid.payers.map((p) => p.wallet)).toEqual([7_000n, 0n]);
    await expect(
      world.sell({ lines: [await world.line("cookie")], payer: null, payers: [{ employeeId: a }, { employeeId: a }], walletSplit: "even" }),
    ).rejects.toMatchObject({ messageKey: "groupPayerRepeated" });
  });
});
