import { errorOf } from "@/test/helpers";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders, paymentTenders, voucherGrants } from "@/db/schema";
import { DomainError } from "@/server/domain/errors";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { walletOf, shardedBalance } from "@/server/domain/ledger/accounts";
import { expireVoucherGrants } from "@/server/domain/vouchers/grants";
import { refundOrder } from "./refund-order";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { LUNCHTIME, moneyWorld } from "@/test/money-fixtures";

type World = Awaited<ReturnType<typeof moneyWorld>>;

async function walletBalance(database: TestDatabase, employeeId: string) {
  return (await walletOf(database.db, employeeId))?.balance ?? 0n;
}

describe("payments", () => {
  let database: TestDatabase;
  let world: World;
  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 20 });
    world = await moneyWorld(database.db);
  });
  afterAll(async () => {
    const report = await verifyLedger(database.db);
    expect(report.checks.filter((check) => check.breaches > 0)).toEqual([]);
    await database.close();
  });

  it("splits voucher → wallet and books each tender to the store's revenue", async () => {
    const employeeId = await world.employee(1);
    await world.fund(employeeId, 20_000n);
    await world.lunch(employeeId);
    const americano = await world.line("americano", 1, ["iced", "large", "shot1"]);
    const sandwich = await world.line("sandwich");
    const result = await world.sell({ lines: [americano, sandwich, await world.line("cookie")], payer: { employeeId } });

    // 2,500 + 500 (large) + 500 (shot) + 5,500 + 2,000 = 11,000: 9,000 by voucher, 2,000 from the wallet.
    expect(result.total).toBe(11_000n);
    expect(result.tenders).toEqual([
      expect.objectContaining({ kind: "voucher", amount: 9_000n, meal: "lunch" }),
      { kind: "wallet", amount: 2_000n },
    ]);
    expect(result.walletBalance).toBe(18_000n);
    expect(await walletBalance(database, employeeId)).toBe(18_000n);
    expect(await shardedBalance(database.db, "store_revenue", world.cafe.id)).toBe(11_000n);
    const [order] = await database.db.select().from(orders).where(eq(orders.id, result.orderId));
    expect(order).toMatchObject({ status: "paid", payerId: employeeId, total: 11_000n });
  });

  it("takes card or cash for what the wallet cannot cover, with change", async () => {
    const employeeId = await world.employee(2);
    await world.fund(employeeId, 1_000n);
    const byCard = await world.sell({
      lines: [await world.line("cafe-latte")],
      payer: { employeeId },
      remainder: { method: "card", approvalNumber: "A-123" },
    });
    expect(byCard.tenders).toEqual([
      { kind: "wallet", amount: 1_000n },
      { kind: "card", amount: 2_500n },
    ]);
    const byCash = await world.sell({ lines: [await world.line("scone")], payer: null, remainder: { method: "cash", tendered: 5_000n } });
    expect(byCash.tenders).toEqual([{ kind: "cash", amount: 3_000n }]);
    expect(byCash.changeDue).toBe(2_000n);
    expect(await shardedBalance(database.db, "store_cash_drawer", world.cafe.id)).toBe(-3_000n);

    const short = await errorOf(world.sell({ lines: [await world.line("scone")], payer: null, remainder: { method: "cash", tendered: 1_000n } }));
    expect(short).toMatchObject({ messageKey: "cashShort", details: { shortfall: 2_000 } });
  });

  it("refuses with a clear error when voucher and wallet do not cover the order", async () => {
    const employeeId = await world.employee(3);
    await world.fund(employeeId, 1_000n);
    const error = await errorOf(world.sell({ lines: [await world.line("americano")], payer: { employeeId } }));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "PRECONDITION_FAILED", messageKey: "insufficientBalance", details: { shortfall: 1_500 } });
    expect(await walletBalance(database, employeeId)).toBe(1_000n);
  });

  describe("vouchers that cannot pay here and now", () => {
    const cases = [
      { name: "outside its window", now: new Date("2026-11-25T15:00:00+09:00"), grant: {}, reason: "outsideWindow" },
      {
        name: "on a weekend",
        now: new Date("2026-11-28T12:00:00+09:00"),
        grant: { validUntil: new Date("2026-11-30T00:00:00+09:00") },
        reason: "wrongWeekday",
      },
      { name: "at another store", now: LUNCHTIME, grant: { storeIds: "cafeteria-only" }, reason: "wrongStore" },
      { name: "after expiry", now: new Date("2026-11-26T12:00:00+09:00"), grant: {}, reason: "expired" },
    ] as const;

    for (const [index, testCase] of cases.entries()) {
      it(`is refused ${testCase.name}, naming the reason, and the wallet pays instead`, async () => {
        const employeeId = await world.employee(10 + index);
        await world.fund(employeeId, 10_000n);
        const { storeIds, ...rest } = { storeIds: undefined, ...testCase.grant };
        const grant = await world.lunch(employeeId, {
          ...rest,
          storeIds: storeIds === "cafeteria-only" ? [world.cafeteria.id] : [world.cafe.id],
        });
        const result = await world.sell({ lines: [await world.line("americano")], payer: { employeeId }, now: testCase.now });
        expect(result.voucherRefusal).toBe(testCase.reason);
        expect(result.tenders).toEqual([{ kind: "wallet", amount: 2_500n }]);
        const [untouched] = await database.sql`select balance::int from accounts where grant_id = ${grant.id}`;
        expect(untouched?.balance).toBe(9_000);
      });
    }

    it("names the reason in the error when nothing else can pay", async () => {
      const employeeId = await world.employee(20);
      await world.lunch(employeeId);
      const error = await errorOf(
        world.sell({ lines: [await world.line("americano")], payer: { employeeId }, now: new Date("2026-11-25T09:00:00+09:00") }),
      );
      expect(error).toMatchObject({ messageKey: "insufficientBalance", details: { voucherRefusal: "outsideWindow" } });
    });
  });

  it("gives a refund back in reverse tender order, and an expired voucher's share to the company budget", async () => {
    const employeeId = await world.employee(21);
    await world.fund(employeeId, 10_000n);
    const grant = await world.lunch(employeeId);
    const paid = await world.sell({
      lines: [await world.line("americano", 1, ["large"]), await world.line("sandwich")],
      payer: { employeeId },
    });
    // 3,000 + 5,500 = 8,500, all by the 9,000 voucher; then a second order spends the rest.
    expect(paid.tenders).toEqual([expect.objectContaining({ kind: "voucher", amount: 8_500n })]);
    const second = await world.sell({ lines: [await world.line("americano")], payer: { employeeId } });
    expect(second.tenders).toEqual([expect.objectContaining({ kind: "voucher", amount: 500n }), { kind: "wallet", amount: 2_000n }]);

    // Refund the second order's americano while the voucher is still valid: wallet first, then voucher.
    const fresh = await database.db.transaction((tx) =>
      refundOrder({ tx, input: { orderId: second.orderId, storeId: world.cafe.id, reason: "wrong drink", actorId: world.kiosk.id, now: LUNCHTIME } }),
    );
    expect(fresh.tenders).toEqual([
      { kind: "wallet", amount: 2_000n, to: "wallet" },
      { kind: "voucher", amount: 500n, to: "voucher" },
    ]);
    expect(fresh.status).toBe("refunded");
    const [grantBalance] = await database.sql`select balance::int from accounts where grant_id = ${grant.id}`;
    expect(grantBalance?.balance).toBe(500);

    // The next day the voucher is over: refunding the sandwich sends its share to the budget.
    const budgetBefore = await shardedBalance(database.db, "voucher_budget", null);
    const tomorrow = new Date("2026-11-26T10:00:00+09:00");
    const lines = await database.sql`select id from order_lines where order_id = ${paid.orderId} and line_no = 2`;
    const late = await database.db.transaction((tx) =>
      refundOrder({
        tx,
        input: {
          orderId: paid.orderId,
          storeId: world.cafe.id,
          lines: [{ lineId: String(lines[0]?.id), quantity: 1 }],
          reason: "stale sandwich",
          actorId: world.kiosk.id,
          now: tomorrow,
        },
      }),
    );
    expect(late.tenders).toEqual([{ kind: "voucher", amount: 5_500n, to: "voucher_budget" }]);
    expect(late.status).toBe("partially_refunded");
    expect(await shardedBalance(database.db, "voucher_budget", null)).toBe(budgetBefore + 5_500n);
    expect(await walletBalance(database, employeeId)).toBe(10_000n);

    // Expiry then sweeps what is left on the grant back to the budget too.
    const swept = await database.db.transaction((tx) => expireVoucherGrants({ tx, input: { now: tomorrow } }));
    expect(swept.returned).toBeGreaterThanOrEqual(500n);
    const [grantRow] = await database.db.select().from(voucherGrants).where(eq(voucherGrants.id, grant.id));
    expect(grantRow?.status).toBe("expired");
  });

  it("never refunds more than is left, even when asked twice", async () => {
    const employeeId = await world.employee(22);
    await world.fund(employeeId, 10_000n);
    const paid = await world.sell({ lines: [await world.line("cookie", 3)], payer: { employeeId } });
    const [line] = await database.sql`select id from order_lines where order_id = ${paid.orderId}`;
    const refundOne = () =>
      database.db.transaction((tx) =>
        refundOrder({
          tx,
          input: { orderId: paid.orderId, storeId: world.cafe.id, lines: [{ lineId: String(line?.id), quantity: 2 }], reason: "x", actorId: world.kiosk.id, now: LUNCHTIME },
        }),
      );
    const outcomes = await Promise.allSettled([refundOne(), refundOne()]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason).toMatchObject({ messageKey: "refundExceedsRemaining" });
    // 3 cookies at 2,000: two came back, one is still paid for.
    expect(await walletBalance(database, employeeId)).toBe(8_000n);
    await database.db.transaction((tx) =>
      refundOrder({ tx, input: { orderId: paid.orderId, storeId: world.cafe.id, reason: "x", actorId: world.kiosk.id, now: LUNCHTIME } }),
    );
    expect(await walletBalance(database, employeeId)).toBe(10_000n);
    const again = await errorOf(
      database.db.transaction((tx) =>
        refundOrder({ tx, input: { orderId: paid.orderId, storeId: world.cafe.id, reason: "x", actorId: world.kiosk.id, now: LUNCHTIME } }),
      ),
    );
    expect(again).toMatchObject({ messageKey: "orderNotRefundable" });
  });

  it("writes nothing when it fails between the voucher leg and the wallet leg", async () => {
    const employeeId = await world.employee(23);
    await world.fund(employeeId, 10_000n);
    const grant = await world.lunch(employeeId);
    const ordersBefore = await database.db.$count(orders);
    const transfersBefore = await database.sql`select count(*)::int as n from ledger_transfers`;
    const error = await errorOf(
      world.sell({
        lines: [await world.line("sandwich", 2)],
        payer: { employeeId },
        hooks: {
          afterLeg: (leg) => {
            if (leg === "voucher") throw new Error("injected: the connection dropped after the voucher leg");
          },
        },
      }),
    );
    expect(String(error)).toMatch(/injected/);
    expect(await database.db.$count(orders)).toBe(ordersBefore);
    expect((await database.sql`select count(*)::int as n from ledger_transfers`)[0]?.n).toBe(transfersBefore[0]?.n);
    const [grantBalance] = await database.sql`select balance::int from accounts where grant_id = ${grant.id}`;
    expect(grantBalance?.balance).toBe(9_000);
    expect(await walletBalance(database, employeeId)).toBe(10_000n);
    expect(await database.db.$count(paymentTenders, eq(paymentTenders.payerId, employeeId))).toBe(0);
  });

  it("numbers orders per store and day, starting again each day in the store's time zone", async () => {
    const employeeId = await world.employee(24);
    await world.fund(employeeId, 50_000n);
    const lateNight = new Date("2026-12-01T23:59:00+09:00");
    const afterMidnight = new Date("2026-12-02T00:01:00+09:00");
    const first = await world.sell({ lines: [await world.line("cookie")], payer: { employeeId }, now: lateNight });
    const next = await world.sell({ lines: [await world.line("cookie")], payer: { employeeId }, now: afterMidnight });
    const again = await world.sell({ lines: [await world.line("cookie")], payer: { employeeId }, now: afterMidnight });
    expect(first.pickupNumber).toBe(1);
    expect(next.pickupNumber).toBe(1);
    expect(again.pickupNumber).toBe(2);
  });

  it("refuses unknown items, options not offered and broken min/max rules, writing nothing", async () => {
    const employeeId = await world.employee(25);
    await world.fund(employeeId, 50_000n);
    const before = await database.db.$count(orders);
    const americano = await world.line("americano");
    const cookie = await world.line("cookie");
    const [syrups] = [await database.sql`select c.id from option_choices c join option_groups g on g.id = c.group_id where g.code = 'syrup' and g.store_id = ${world.cafe.id}`];
    const attempts = [
      { lines: [{ ...americano, itemId: crypto.randomUUID() }], key: "menuItemNotFound" },
      { lines: [{ ...cookie, optionIds: americano.optionIds.slice(0, 1) }], key: "optionNotForItem" },
      { lines: [{ ...americano, optionIds: americano.optionIds.slice(1) }], key: "optionRequired" },
      { lines: [{ ...americano, optionIds: [...americano.optionIds, ...(syrups ?? []).map((s) => String(s.id))] }], key: "optionTooMany" },
      { lines: [{ ...americano, optionIds: [...americano.optionIds, americano.optionIds[0] ?? ""] }], key: "optionRepeated" },
    ];
    for (const attempt of attempts) {
      expect(await errorOf(world.sell({ lines: attempt.lines, payer: { employeeId } })), attempt.key).toMatchObject({ messageKey: attempt.key });
    }
    await database.sql`update menu_items set is_sold_out = true where code = 'scone'`;
    expect(await errorOf(world.sell({ lines: [await world.line("scone")], payer: { employeeId } }))).toMatchObject({ messageKey: "menuItemSoldOut" });
    await database.sql`update menu_items set is_sold_out = false where code = 'scone'`;
    expect(await database.db.$count(orders)).toBe(before);
    expect(await walletBalance(database, employeeId)).toBe(50_000n);
  });

  it("keeps the ledger's tables append-only", async () => {
    const appendOnly = (error: unknown) => /append-only/.test(String((error as { cause?: unknown }).cause));
    await expect(database.db.execute(sql`update ledger_entries set amount = amount + 1`)).rejects.toSatisfy(appendOnly);
    await expect(database.db.execute(sql`delete from ledger_transfers`)).rejects.toSatisfy(appendOnly);
  });
});
