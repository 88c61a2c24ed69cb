import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refundOrder } from "@/server/domain/payments/refund-order";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { LUNCHTIME, moneyWorld } from "@/test/money-fixtures";
import { closeDay, daySummary, openDay } from "./store-day";

describe("day open and close", () => {
  let database: TestDatabase;
  let world: Awaited<ReturnType<typeof moneyWorld>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
  });
  afterAll(() => database.close());

  it("closes once with totals by tender that equal the day's payments, and the cash difference", async () => {
    const storeId = world.cafe.id;
    const actorId = world.kiosk.id;
    const now = LUNCHTIME;
    expect(await daySummary({ tx: database.db, input: { storeId, now } })).toMatchObject({ opened: null, expectedCash: null });
    await expect(database.db.transaction((tx) => closeDay({ tx, input: { storeId, countedCash: 0n, actorId, now } }))).rejects.toMatchObject({
      messageKey: "dayNotOpen",
    });
    await database.db.transaction((tx) => openDay({ tx, input: { storeId, openingFloat: 50_000n, actorId, now } }));
    await expect(database.db.transaction((tx) => openDay({ tx, input: { storeId, openingFloat: 1n, actorId, now } }))).rejects.toMatchObject({
      messageKey: "dayAlreadyOpen",
    });

    const employeeId = await world.employee(31);
    await world.fund(employeeId, 20_000n);
    await world.lunch(employeeId);
    await world.sell({ lines: [await world.line("sandwich"), await world.line("caramel-macchiato")], payer: { employeeId } }); // 9,000 voucher + 1,000 wallet
    const cash = await world.sell({ lines: [await world.line("scone")], payer: null, remainder: { method: "cash", tendered: 10_000n } }); // 3,000 cash
    await world.sell({ lines: [await world.line("cookie", 2)], payer: null, remainder: { method: "cash", tendered: 5_000n } }); // 4,000 cash
    await world.sell({ lines: [await world.line("americano")], payer: null, remainder: { method: "card" } }); // 2,500 card
    await database.db.transaction((tx) =>
      refundOrder({ tx, input: { orderId: cash.orderId, storeId, reason: "dropped", actorId, now } }),
    );

    const live = await daySummary({ tx: database.db, input: { storeId, now } });
    expect(live.totals).toEqual({
      orders: 4,
      sales: { voucher: "9000", wallet: "1000", card: "2500", cash: "7000" },
      refunds: { voucher: "0", wallet: "0", card: "0", cash: "3000" },
      refundCount: 1,
    });
    // 50,000 float + 7,000 cash taken − 3,000 cash refunded.
    expect(live.expectedCash).toBe(54_000n);

    const closed = await database.db.transaction((tx) => closeDay({ tx, input: { storeId, countedCash: 53_500n, actorId, now } }));
    expect(closed).toMatchObject({ expectedCash: 54_000n, countedCash: 53_500n, difference: -500n });
    await expect(database.db.transaction((tx) => closeDay({ tx, input: { storeId, countedCash: 54_000n, actorId, now } }))).rejects.toMatchObject({
      messageKey: "dayAlreadyClosed",
    });
    const after = await daySummary({ tx: database.db, input: { storeId, now } });
    expect(after.closed).toMatchObject({ counted: 53_500n, expected: 54_000n });
    const [audit] = await database.sql`select count(*)::int as n from audit_log where action in ('day.open', 'day.close')`;
    expect(audit?.n).toBe(2);
  });
});
