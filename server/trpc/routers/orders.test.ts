import { sessionOf, trpcFailure as failure } from "@/test/helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePayCode } from "@/lib/paycode";
import { loadActiveUser } from "@/server/auth/users";
import type { SessionUser } from "@/server/auth/roles";
import { walletOf } from "@/server/domain/ledger/accounts";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { registerPayDevice } from "@/server/domain/paycode/register-device";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { moneyWorld } from "@/test/money-fixtures";
import { createInnerContext } from "../init";
import { createCaller } from "../root";

type World = Awaited<ReturnType<typeof moneyWorld>>;

describe("orders over tRPC", () => {
  let database: TestDatabase;
  let world: World;
  let barista: SessionUser;
  let otherKiosk: SessionUser;
  let manager: SessionUser;
  const callerFor = (session: SessionUser) => createCaller(createInnerContext({ db: database.db, session }));
  const counts = async () => {
    const [row] = await database.sql`select (select count(*)::int from orders) as orders, (select count(*)::int from ledger_transfers) as transfers`;
    return row;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    const load = (email: string) => sessionOf(database.db, email);
    barista = await load("kiosk.cafe@canteen.dev");
    otherKiosk = await load("kiosk.cafeteria@canteen.dev");
    manager = await load("manager@canteen.dev");
  });
  afterAll(async () => {
    expect((await verifyLedger(database.db)).ok).toBe(true);
    await database.close();
  });

  it("pays by the employee's pay code: voucher then wallet, and the same code is refused after", async () => {
    const employeeId = await world.employee(5);
    await world.fund(employeeId, 20_000n);
    await world.lunch(employeeId, { windowStart: null, windowEnd: null, weekdays: null, validFrom: new Date(Date.now() - 3_600_000), validUntil: new Date(Date.now() + 86_400_000) });
    const device = await registerPayDevice({ tx: database.db, input: { userId: employeeId, label: "phone" } });
    const payCode = await generatePayCode({ secret: device.secret, deviceNo: device.deviceNo, now: new Date() });
    const lines = [await world.line("americano", 1, ["iced", "large", "shot1"]), await world.line("sandwich"), await world.line("cookie")];

    const paid = await callerFor(barista).orders.checkout({ idempotencyKey: "checkout-0001", lines, payCode, remainder: { method: "none" } });
    // 3,500 (iced, large, extra shot) + 5,500 + 2,000 = 11,000: the 9,000 lunch voucher, then the wallet.
    expect(paid.tenders).toEqual([
      expect.objectContaining({ kind: "voucher", amount: 9_000n, meal: "lunch" }),
      { kind: "wallet", amount: 2_000n },
    ]);
    expect(paid.total).toBe(11_000n);

    const again = await failure(
      callerFor(barista).orders.checkout({ idempotencyKey: "checkout-0002", lines, payCode, remainder: { method: "none" } }),
    );
    expect(again.code).toBe("CONFLICT");
    expect(again.cause).toMatchObject({ messageKey: "payCodeUsed" });

    // A retry of the first attempt (same key, same request) gets the same answer and charges nothing.
    const retry = await callerFor(barista).orders.checkout({ idempotencyKey: "checkout-0001", lines, payCode, remainder: { method: "none" } });
    expect(retry).toEqual(paid);
    expect((await walletOf(database.db, employeeId))?.balance).toBe(18_000n);
  });

  it("refuses bad input field by field and writes nothing", async () => {
    const line = await world.line("americano");
    const before = await counts();
    const attempts: { input: unknown; field: string }[] = [
      { input: { idempotencyKey: "k-bad-1", lines: [{ ...line, price: 1 }], remainder: { method: "cash", tendered: 10_000 } }, field: "lines" },
      { input: { idempotencyKey: "k-bad-2", lines: [{ ...line, quantity: 0 }], remainder: { method: "cash", tendered: 10_000 } }, field: "lines" },
      { input: { idempotencyKey: "k-bad-3", lines: [{ ...line, quantity: 1.5 }], remainder: { method: "cash", tendered: 10_000 } }, field: "lines" },
      { input: { idempotencyKey: "k-bad-4", lines: [line], remainder: { method: "cash", tendered: -1000 } }, field: "remainder" },
      { input: { idempotencyKey: "k-bad-5", lines: [line], remainder: { method: "cash", tendered: 1000.5 } }, field: "remainder" },
      { input: { idempotencyKey: "k-bad-6", lines: [line], remainder: { method: "cash", tendered: 10_000_000_001 } }, field: "remainder" },
      { input: { idempotencyKey: "k-bad-7", lines: [], remainder: { method: "cash", tendered: 10_000 } }, field: "lines" },
      { input: { idempotencyKey: "k", lines: [line], remainder: { method: "cash", tendered: 10_000 } }, field: "idempotencyKey" },
      // A card share only comes from the terminal (card.checkout), never typed in.
      { input: { idempotencyKey: "k-bad-8", lines: [line], remainder: { method: "card", approvalNumber: "12345678" } }, field: "remainder" },
      { input: { idempotencyKey: "k-bad-9", lines: [line], remainder: { method: "cash", tendered: 10_000 }, total: 100 }, field: "" },
    ];
    for (const attempt of attempts) {
      const error = await failure(callerFor(barista).orders.checkout(attempt.input as never));
      expect(error.code, JSON.stringify(attempt.input)).toBe("BAD_REQUEST");
      if (attempt.field) expect(error.message, JSON.stringify(attempt.input)).toContain(attempt.field);
    }
    expect(await counts()).toEqual(before);
  });

  it("takes a walk-in's cash and gives change; only a manager refunds it directly (a kiosk needs the manager's PIN)", async () => {
    const line = await world.line("scone");
    const sale = await callerFor(barista).orders.checkout({
      idempotencyKey: "cash-sale-01",
      lines: [line],
      remainder: { method: "cash", tendered: 10_000 },
    });
    expect(sale.changeDue).toBe(7_000n);
    for (const kiosk of [barista, otherKiosk]) {
      const refused = await failure(callerFor(kiosk).orders.refund({ idempotencyKey: "refund-x-01", orderId: sale.orderId, reason: "mistake" }));
      expect(refused.code).toBe("FORBIDDEN");
    }
    const refunded = await callerFor(manager).orders.refund({ idempotencyKey: "refund-m-01", orderId: sale.orderId, reason: "mistake" });
    expect(refunded).toMatchObject({ amount: 3_000n, status: "refunded", tenders: [{ kind: "cash", amount: 3_000n, to: "cash" }] });
    const [audit] = await database.sql`select action, actor_id from audit_log where entity_id = ${sale.orderId}`;
    expect(audit).toMatchObject({ action: "order.refund", actor_id: manager.id });
  });
});

describe("order status", () => {
  let database: TestDatabase;
  let world: World;
  let barista: SessionUser;
  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    const user = await loadActiveUser(database.db, { email: "kiosk.cafe@canteen.dev" });
    if (!user) throw new Error("no kiosk");
    barista = user;
  });
  afterAll(() => database.close());

  it("moves a paid order paid → preparing → ready → picked_up, one step at a time", async () => {
    const api = createCaller(createInnerContext({ db: database.db, session: barista }));
    const sale = await api.orders.checkout({ idempotencyKey: "status-sale-1", lines: [await world.line("cookie")], remainder: { method: "cash", tendered: 5_000 } });
    const skip = await failure(api.orders.advance({ orderId: sale.orderId, to: "ready" }));
    expect(skip.cause).toMatchObject({ messageKey: "orderStatusChange" });
    for (const to of ["preparing", "ready", "picked_up"] as const) {
      expect(await api.orders.advance({ orderId: sale.orderId, to })).toMatchObject({ status: to, pickupNumber: sale.pickupNumber });
    }
    const cancel = await failure(api.orders.cancel({ orderId: sale.orderId }));
    expect(cancel.cause).toMatchObject({ messageKey: "orderNotCancelable" });
  });

  it("cancels an order nobody paid for", async () => {
    const api = createCaller(createInnerContext({ db: database.db, session: barista }));
    const order = await api.orders.create({ idempotencyKey: "status-order-1", lines: [await world.line("cookie")] });
    expect(order.status).toBe("pending_payment");
    expect(await api.orders.cancel({ orderId: order.id })).toEqual({ id: order.id, status: "canceled" });
    const pay = await failure(api.orders.pay({ idempotencyKey: "status-pay-1", orderId: order.id, remainder: { method: "cash", tendered: 5_000 } }));
    expect(pay.cause).toMatchObject({ messageKey: "orderNotPayable" });
  });
});
