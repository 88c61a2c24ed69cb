import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { walletOf } from "@/server/domain/ledger/accounts";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { LUNCHTIME, moneyWorld } from "@/test/money-fixtures";
import { orderAheadFunds } from "@/server/domain/orders/order-ahead";
import { refundOrder } from "./refund-order";
import { voucherCover } from "./split";

/** HR's policy rules at the till: a grant kept out of group payments, and a policy's daily cap. */
describe("voucher policy rules at payment", () => {
  let database: TestDatabase;
  let world: Awaited<ReturnType<typeof moneyWorld>>;
  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 12 });
    world = await moneyWorld(database.db);
  });
  afterAll(async () => {
    expect((await verifyLedger(database.db)).ok).toBe(true);
    await database.close();
  });

  const wallet = async (id: string) => (await walletOf(database.db, id))?.balance ?? 0n;
  const grantLeft = async (grantId: string) => {
    const [row] = await database.sql`select balance::int as left from accounts where grant_id = ${grantId}`;
    return row?.left;
  };
  /** A lunch grant of 9,000 under a policy version with this daily cap, as an allocation would make it. */
  const cappedLunch = async (employeeId: string, dailyCap: number) => {
    const name = `capped lunch ${crypto.randomUUID()}`;
    const [policy] = await database.sql`insert into voucher_policies (name, meal) values (${name}, 'lunch') returning id`;
    const [version] = await database.sql`
      insert into voucher_policy_versions (policy_id, version, effective_from, amount, window_start, window_end, weekdays, daily_cap)
      values (${policy?.id}, 1, '2026-11-01', 9000, '11:00', '14:00', '{1,2,3,4,5}', ${dailyCap}) returning id`;
    const grant = await world.lunch(employeeId, { policyId: policy?.id as string, serviceDate: "2026-11-25" });
    await database.sql`update voucher_grants set policy_version_id = ${version?.id} where id = ${grant.id}`;
    return grant;
  };

  it("a grant with group payment off stays untouched in 함께결제 and the wallet pays; alone, the voucher pays", async () => {
    const [a, b] = await Promise.all([world.employee(10), world.employee(11)]);
    for (const id of [a, b]) await world.fund(id, 30_000n);
    const noGroup = await world.lunch(a);
    await database.sql`update voucher_grants set group_payment_allowed = false where id = ${noGroup.id}`;
    const bGrant = await world.lunch(b);

    // 2 caramel macchiatos = 9,000: b's voucher pays it all, a's voucher must not pay.
    const together = await world.sell({
      lines: [await world.line("caramel-macchiato", 4)],
      payer: null,
      payers: [{ employeeId: a }, { employeeId: b }],
      walletSplit: "even",
    });
    expect(together.total).toBe(18_000n);
    expect(together.payers).toEqual([
      expect.objectContaining({ employeeId: a, voucher: 0n, wallet: 4_500n }),
      expect.objectContaining({ employeeId: b, voucher: 9_000n, wallet: 4_500n }),
    ]);
    expect(together.tenders.some((t) => t.grantId === noGroup.id)).toBe(false);
    expect(await grantLeft(noGroup.id)).toBe(9_000);
    expect(await grantLeft(bGrant.id)).toBe(0);
    expect(await wallet(a)).toBe(25_500n);

    // The same person alone: the voucher pays as usual.
    const alone = await world.sell({ lines: [await world.line("caramel-macchiato", 2)], payer: { employeeId: a } });
    expect(alone.payers).toEqual([expect.objectContaining({ employeeId: a, voucher: 9_000n, wallet: 0n })]);
    expect(alone.tenders).toEqual([expect.objectContaining({ kind: "voucher", amount: 9_000n, grantId: noGroup.id })]);
    expect(await grantLeft(noGroup.id)).toBe(0);
  });

  it("daily cap 6,000 on a 9,000 grant: 6,000 by voucher and 3,000 by wallet, then nothing more by voucher that day", async () => {
    const a = await world.employee(12);
    await world.fund(a, 30_000n);
    const grant = await cappedLunch(a, 6_000);

    const first = await world.sell({ lines: [await world.line("caramel-macchiato", 2)], payer: { employeeId: a } });
    expect(first.total).toBe(9_000n);
    expect(first.payers).toEqual([expect.objectContaining({ voucher: 6_000n, wallet: 3_000n })]);
    expect(await grantLeft(grant.id)).toBe(3_000);

    const second = await world.sell({
      lines: [await world.line("caramel-macchiato")],
      payer: { employeeId: a },
      now: new Date(LUNCHTIME.getTime() + 30 * 60_000),
    });
    expect(second.payers).toEqual([expect.objectContaining({ voucher: 0n, wallet: 4_500n })]);
    expect(second.tenders.map((t) => t.kind)).toEqual(["wallet"]);
    expect(await grantLeft(grant.id)).toBe(3_000);
    expect(await wallet(a)).toBe(22_500n);
  });

  it("the cap is net of refunds: a refunded voucher payment frees its room again", async () => {
    const a = await world.employee(13);
    await world.fund(a, 30_000n);
    const grant = await cappedLunch(a, 6_000);
    const first = await world.sell({ lines: [await world.line("caramel-macchiato")], payer: { employeeId: a } });
    expect(first.payers).toEqual([expect.objectContaining({ voucher: 4_500n, wallet: 0n })]);
    await database.db.transaction((tx) =>
      refundOrder({ tx, input: { orderId: first.orderId, storeId: world.cafe.id, reason: "test", actorId: world.kiosk.id, now: LUNCHTIME } }),
    );
    expect(await grantLeft(grant.id)).toBe(9_000);
    const again = await world.sell({ lines: [await world.line("caramel-macchiato", 2)], payer: { employeeId: a } });
    expect(again.payers).toEqual([expect.objectContaining({ voucher: 6_000n, wallet: 3_000n })]);
  });

  it("concurrent purchases from kiosks at once never pass the daily cap together", async () => {
    const a = await world.employee(14);
    await world.fund(a, 100_000n);
    const grant = await cappedLunch(a, 6_000);
    const line = await world.line("caramel-macchiato");
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => world.sell({ lines: [line], payer: { employeeId: a } })));
    const byVoucher = outcomes.reduce((sum, paid) => sum + (paid.payers[0]?.voucher ?? 0n), 0n);
    expect(byVoucher).toBe(6_000n);
    const [row] = await database.sql`select coalesce(sum(amount), 0)::int as total from payment_tenders where grant_id = ${grant.id}`;
    expect(row?.total).toBe(6_000);
    expect(await grantLeft(grant.id)).toBe(3_000);
    expect(await wallet(a)).toBe(100_000n - 8n * 4_500n + 6_000n);
    expect((await verifyLedger(database.db)).ok).toBe(true);
  });

  it("two grants of one capped policy paid at two stores' tills at the same instant never pass the cap together", async () => {
    const a = await world.employee(15);
    // Without a wallet row: the payer's wallet lock happens to serialize their payments, and the
    // cap must not lean on it (an employee paying only by voucher and card needs no wallet).
    await database.sql`delete from accounts where kind = 'employee_wallet' and user_id = ${a}`;
    const name = `capped lunch ${crypto.randomUUID()}`;
    const [policy] = await database.sql`insert into voucher_policies (name, meal) values (${name}, 'lunch') returning id`;
    const [version] = await database.sql`
      insert into voucher_policy_versions (policy_id, version, effective_from, amount, window_start, window_end, weekdays, daily_cap)
      values (${policy?.id}, 1, '2026-11-01', 9000, '11:00', '14:00', '{1,2,3,4,5}', 9000) returning id`;
    // One grant only the cafe takes, the other only the cafeteria: each till locks only the grant it can use.
    const atCafe = await world.lunch(a, { policyId: policy?.id as string, storeIds: [world.cafe.id] });
    const atCafeteria = await world.lunch(a, { policyId: policy?.id as string, storeIds: [world.cafeteria.id] });
    await database.sql`update voucher_grants set policy_version_id = ${version?.id} where id in ${database.sql([atCafe.id, atCafeteria.id])}`;

    // Each payment, once it has paid its first leg, waits (up to a moment) for the other to get
    // as far: without a shared lock both get there with the cap unspent; with one, the second
    // waits on the first's lock and the first goes on alone after the moment.
    const signals = [0, 1].map(() => {
      let resolve = () => {};
      const promise = new Promise<void>((done) => (resolve = done));
      return { promise, resolve: () => resolve() };
    });
    const meet = (mine: 0 | 1) => async () => {
      signals[mine]?.resolve();
      await Promise.race([signals[1 - mine]?.promise, new Promise((resolve) => setTimeout(resolve, 1_500))]);
    };
    const card = { method: "card", approvalNumber: "C-1" } as const;
    const outcomes = await Promise.all([
      world.sell({ lines: [await world.line("caramel-macchiato", 2)], payer: { employeeId: a }, remainder: card, hooks: { afterLeg: meet(0) } }),
      world.sell({
        lines: [await world.line("bulgogi", 1, [], world.cafeteria.id)],
        payer: { employeeId: a },
        remainder: card,
        storeId: world.cafeteria.id,
        hooks: { afterLeg: meet(1) },
      }),
    ]);
    expect(outcomes.map((paid) => paid.total)).toEqual([9_000n, 9_000n]);
    const byVoucher = outcomes.reduce((sum, paid) => sum + (paid.payers[0]?.voucher ?? 0n), 0n);
    expect(byVoucher).toBe(9_000n);
    expect(outcomes.flatMap((paid) => paid.tenders.filter((t) => t.kind === "card").map((t) => t.amount))).toEqual([9_000n]);
    expect((await grantLeft(atCafe.id)) + (await grantLeft(atCafeteria.id))).toBe(9_000);
    expect((await verifyLedger(database.db)).ok).toBe(true);
  });
  it("the phone's order-ahead funds show what the daily cap still allows today, and say when it is used up", async () => {
    const employeeId = await world.employee(16);
    await world.fund(employeeId, 20_000n);
    await cappedLunch(employeeId, 5_000);
    const funds = () => orderAheadFunds({ tx: database.db, input: { employeeId, storeId: world.cafe.id, now: LUNCHTIME } });
    const sandwichCart = [{ categoryId: "bakery", net: 5_500n }];
    // The cart's preview runs the payment's own split on the funds: no more than the cap leaves.
    const cover = async () => voucherCover(5_500n, (await funds()).vouchers, sandwichCart);
    expect(await funds()).toMatchObject({
      voucher: 5_000n,
      vouchers: [{ balance: 9_000n, categoryIds: null, dailyCap: { cap: 5_000n, spent: 0n } }],
      voucherRefusal: null,
    });
    expect(await cover()).toBe(5_000n);

    const cookie = await world.sell({ lines: [await world.line("cookie")], payer: { employeeId } });
    expect(cookie.tenders).toEqual([expect.objectContaining({ kind: "voucher", amount: 2_000n })]);
    expect(await funds()).toMatchObject({ voucher: 3_000n, voucherRefusal: null });
    expect(await cover()).toBe(3_000n);

    const sandwich = await world.sell({ lines: [await world.line("sandwich")], payer: { employeeId } });
    expect(sandwich.tenders).toEqual([expect.objectContaining({ kind: "voucher", amount: 3_000n }), expect.objectContaining({ kind: "wallet", amount: 2_500n })]);
    expect(await funds()).toMatchObject({ voucher: 0n, voucherRefusal: "dailyCapReached" });
    expect(await cover()).toBe(0n);
  });
});
