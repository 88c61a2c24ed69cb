import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { moneyWorld, LUNCHTIME } from "@/test/money-fixtures";
import { ORDER_EVENTS_CHANNEL, parseOrderEvent, type OrderEvent } from "./events";
import { refundOrder } from "../payments/refund-order";
import { advanceOrder } from "./order-status";
import { loadPickupBoard, loadQueue } from "./queue";

type World = Awaited<ReturnType<typeof moneyWorld>>;

describe("order queue and live events", () => {
  let database: TestDatabase;
  let world: World;
  const events: OrderEvent[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    await database.sql.listen(ORDER_EVENTS_CHANNEL, (payload) => {
      const event = parseOrderEvent(payload);
      if (event) events.push(event);
    });
  });
  afterAll(() => database.close());

  const waitFor = async (predicate: () => boolean) => {
    for (let waited = 0; waited < 3_000 && !predicate(); waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    return predicate();
  };

  it("announces a payment and each step to every listener, only once committed", async () => {
    const sale = await world.sell({ lines: [await world.line("cookie", 2)], payer: null, remainder: { method: "card" } });
    expect(await waitFor(() => events.some((e) => e.orderId === sale.orderId && e.status === "paid"))).toBe(true);
    expect(events.find((e) => e.orderId === sale.orderId)).toMatchObject({ storeId: world.cafe.id, pickupNumber: sale.pickupNumber, source: "kiosk" });

    await database.db.transaction((tx) => advanceOrder({ tx, input: { orderId: sale.orderId, storeId: world.cafe.id, to: "preparing", now: LUNCHTIME } }));
    expect(await waitFor(() => events.some((e) => e.orderId === sale.orderId && e.status === "preparing"))).toBe(true);

    // A change that rolls back is never announced.
    await expect(
      database.db.transaction(async (tx) => {
        await advanceOrder({ tx, input: { orderId: sale.orderId, storeId: world.cafe.id, to: "ready", now: LUNCHTIME } });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events.some((e) => e.orderId === sale.orderId && e.status === "ready")).toBe(false);
  });

  it("lists today's paid orders with what to make, and the pickup board splits preparing from ready", async () => {
    const first = await world.sell({ lines: [await world.line("americano", 1, ["iced"])], payer: null, remainder: { method: "card" } });
    const second = await world.sell({ lines: [await world.line("scone")], payer: null, remainder: { method: "card" } });
    await database.db.transaction((tx) => advanceOrder({ tx, input: { orderId: second.orderId, storeId: world.cafe.id, to: "preparing", now: LUNCHTIME } }));
    await database.db.transaction((tx) => advanceOrder({ tx, input: { orderId: second.orderId, storeId: world.cafe.id, to: "ready", now: LUNCHTIME } }));

    const queue = await loadQueue({ tx: database.db, input: { storeId: world.cafe.id, now: LUNCHTIME } });
    const americano = queue.find((order) => order.id === first.orderId);
    expect(americano).toMatchObject({ status: "paid", lines: [{ nameKo: "아메리카노", quantity: 1 }] });
    expect(americano?.lines[0]?.options.map((option) => option.choiceCode)).toContain("iced");

    const board = await loadPickupBoard({ tx: database.db, input: { storeCode: "hq-cafe", now: LUNCHTIME } });
    expect(board.preparing).toContain(first.pickupNumber);
    expect(board.ready).toEqual([second.pickupNumber]);

    await database.db.transaction((tx) => advanceOrder({ tx, input: { orderId: second.orderId, storeId: world.cafe.id, to: "picked_up", now: LUNCHTIME } }));
    const after = await loadPickupBoard({ tx: database.db, input: { storeCode: "hq-cafe", now: LUNCHTIME } });
    expect(after.ready).toEqual([]);
    // Another day's board starts empty.
    const tomorrow = await loadQueue({ tx: database.db, input: { storeId: world.cafe.id, now: new Date("2026-11-26T12:00:00+09:00") } });
    expect(tomorrow).toEqual([]);
  });
  it("keeps a partly refunded order in the queue with what is left to make, and takes a fully refunded one off", async () => {
    const sale = await world.sell({ lines: [await world.line("americano"), await world.line("scone")], payer: null, remainder: { method: "cash", tendered: 10_000n } });
    await database.db.transaction((tx) => advanceOrder({ tx, input: { orderId: sale.orderId, storeId: world.cafe.id, to: "preparing", now: LUNCHTIME } }));
    const [scone] = await database.sql<{ id: string }[]>`select id from order_lines where order_id = ${sale.orderId} and line_no = 2`;
    const refund = (lines?: { lineId: string; quantity: number }[]) =>
      database.db.transaction((tx) =>
        refundOrder({ tx, input: { orderId: sale.orderId, storeId: world.cafe.id, lines, reason: "test", actorId: world.kiosk.id, now: LUNCHTIME } }),
      );
    const partial = await refund([{ lineId: scone?.id ?? "", quantity: 1 }]);
    // The refund screen and the lists say "partially refunded"; the queue still has the americano to make.
    expect(partial.status).toBe("partially_refunded");
    const queued = (await loadQueue({ tx: database.db, input: { storeId: world.cafe.id, now: LUNCHTIME } })).find((order) => order.id === sale.orderId);
    expect(queued).toMatchObject({ status: "preparing", lines: [expect.objectContaining({ nameKo: "아메리카노", quantity: 1 })] });
    expect(queued?.lines).toHaveLength(1);
    await database.db.transaction((tx) => advanceOrder({ tx, input: { orderId: sale.orderId, storeId: world.cafe.id, to: "ready", now: LUNCHTIME } }));

    const rest = await refund();
    expect(rest.status).toBe("refunded");
    const after = await loadQueue({ tx: database.db, input: { storeId: world.cafe.id, now: LUNCHTIME } });
    expect(after.some((order) => order.id === sale.orderId)).toBe(false);
  });
});
