import { sessionOf, trpcFailure as failure } from "@/test/helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePayCode } from "@/lib/paycode";
import { DEMO_MANAGER_PIN } from "@/db/seed-data";
import type { SessionUser } from "@/server/auth/roles";
import { walletOf } from "@/server/domain/ledger/accounts";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { registerPayDevice } from "@/server/domain/paycode/register-device";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { moneyWorld } from "@/test/money-fixtures";
import { createInnerContext } from "../init";
import { createCaller } from "../root";

type World = Awaited<ReturnType<typeof moneyWorld>>;

describe("refunds at the kiosk over tRPC", () => {
  let database: TestDatabase;
  let world: World;
  let barista: SessionUser;
  let otherKiosk: SessionUser;
  let manager: SessionUser;
  let keyNo = 0;
  const key = () => `kiosk-refund-${keyNo++}`;
  const api = (session: SessionUser) => createCaller(createInnerContext({ db: database.db, session }));

  /** A paid order by pay code: the lunch voucher first, then the wallet. */
  async function voucherAndWalletSale(employeeNo: number) {
    const employeeId = await world.employee(employeeNo);
    await world.fund(employeeId, 20_000n);
    const grant = await world.lunch(employeeId, {
      windowStart: null,
      windowEnd: null,
      weekdays: null,
      validFrom: new Date(Date.now() - 3_600_000),
      validUntil: new Date(Date.now() + 86_400_000),
    });
    const device = await registerPayDevice({ tx: database.db, input: { userId: employeeId, label: "phone" } });
    const payCode = await generatePayCode({ secret: device.secret, deviceNo: device.deviceNo, now: new Date() });
    // 2,500 (americano, hot, regular) + 5,500 (sandwich) + 2,000 (cookie) = 10,000: voucher 9,000, wallet 1,000.
    const lines = [await world.line("americano"), await world.line("sandwich"), await world.line("cookie")];
    const sale = await api(barista).orders.checkout({ idempotencyKey: key(), lines, payCode, remainder: { method: "none" } });
    expect(sale.tenders.map((tender) => [tender.kind, tender.amount])).toEqual([
      ["voucher", 9_000n],
      ["wallet", 1_000n],
    ]);
    return { sale, employeeId, grant };
  }

  const voucherBalance = async (grantId: string) => {
    const [row] = await database.sql`select balance::text from accounts where grant_id = ${grantId}`;
    return BigInt(String(row?.balance));
  };
  const moneyState = async () => {
    const [row] = await database.sql`
      select (select count(*)::int from ledger_transfers) as transfers, (select count(*)::int from refunds) as refunds,
             (select count(*)::int from audit_log where action = 'order.refund') as audits`;
    return row;
  };
  const findOrder = async (orderId: string) => {
    const found = await api(barista).refunds.findOrders();
    const order = found.orders.find((candidate) => candidate.id === orderId);
    if (!order) throw new Error(`order ${orderId} is not in today's list`);
    return order;
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

  it("refunds chosen lines with the manager's PIN: the wallet, then the voucher, get their value back", async () => {
    const { sale, employeeId, grant } = await voucherAndWalletSale(11);
    const before = await findOrder(sale.orderId);
    const sandwich = before.lines.find((line) => line.nameEn === "Ham & Cheese Sandwich");
    if (!sandwich) throw new Error("no sandwich line");
    expect(await voucherBalance(grant.id)).toBe(0n);
    expect((await walletOf(database.db, employeeId))?.balance).toBe(19_000n);

    const refund = await api(barista).refunds.kioskRefund({
      idempotencyKey: "kiosk-refund-partial",
      orderId: sale.orderId,
      lines: [{ lineId: sandwich.id, quantity: 1 }],
      reason: "주문 실수",
      pin: DEMO_MANAGER_PIN,
    });
    // The last tender first: the wallet's 1,000 back, then 4,500 to the voucher that is still valid.
    expect(refund).toMatchObject({
      amount: 5_500n,
      status: "partially_refunded",
      tenders: [
        { kind: "wallet", amount: 1_000n, to: "wallet" },
        { kind: "voucher", amount: 4_500n, to: "voucher" },
      ],
      approvedBy: { id: manager.id, name: "문매니저" },
    });
    expect((await walletOf(database.db, employeeId))?.balance).toBe(20_000n);
    expect(await voucherBalance(grant.id)).toBe(4_500n);

    // The list now shows the line as refunded and the tenders as partly given back.
    const after = await findOrder(sale.orderId);
    expect(after.status).toBe("partially_refunded");
    expect(after.lines.find((line) => line.id === sandwich.id)?.refundedQuantity).toBe(1);
    expect(after.tenders.map((tender) => [tender.kind, tender.refundedAmount])).toEqual([
      ["voucher", 4_500n],
      ["wallet", 1_000n],
    ]);
    expect(after.refunds).toEqual([
      expect.objectContaining({ amount: 5_500n, reason: "주문 실수", createdBy: "문매니저" }),
    ]);

    // The audit names the manager who approved, and the kiosk it was done on.
    const audits = await database.sql`select actor_id, after from audit_log where action = 'order.refund' and entity_id = ${sale.orderId}`;
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor_id: manager.id,
      after: { approval: { managerId: manager.id, managerName: "문매니저", method: "kiosk_pin", deviceId: barista.id } },
    });
    const [row] = await database.sql`select created_by from refunds where id = ${refund.refundId}`;
    expect(row?.created_by).toBe(manager.id);

    // A retry of the same attempt returns the same answer and moves nothing more.
    const state = await moneyState();
    const again = await api(barista).refunds.kioskRefund({
      idempotencyKey: "kiosk-refund-partial",
      orderId: sale.orderId,
      lines: [{ lineId: sandwich.id, quantity: 1 }],
      reason: "주문 실수",
      pin: DEMO_MANAGER_PIN,
    });
    expect(again).toEqual(refund);
    expect(await moneyState()).toEqual(state);

    // The rest of the order: everything left, in one go; the voucher gets the remaining 4,500.
    const rest = await api(barista).refunds.kioskRefund({ idempotencyKey: key(), orderId: sale.orderId, reason: "고객 변심", pin: DEMO_MANAGER_PIN });
    expect(rest).toMatchObject({ amount: 4_500n, status: "refunded", tenders: [{ kind: "voucher", amount: 4_500n, to: "voucher" }] });
    expect(await voucherBalance(grant.id)).toBe(9_000n);
  });

  it("refuses a wrong PIN in Korean terms and refunds nothing", async () => {
    const sale = await api(barista).orders.checkout({
      idempotencyKey: key(),
      lines: [await world.line("scone")],
      remainder: { method: "cash", tendered: 5_000 },
    });
    const state = await moneyState();
    const wrong = await failure(
      api(barista).refunds.kioskRefund({ idempotencyKey: "kiosk-refund-wrong", orderId: sale.orderId, reason: "고객 변심", pin: "9876" }),
    );
    expect(wrong.code).toBe("FORBIDDEN");
    expect(wrong.cause).toMatchObject({ messageKey: "managerPinWrong" });
    expect(await moneyState()).toEqual(state);
    expect((await findOrder(sale.orderId)).status).toBe("paid");
    // The wrong guess was counted although its transaction rolled back.
    const [hits] = await database.sql`select sum(hits)::int as n from rate_limits where bucket = ${`managerpin:kiosk:${barista.id}`}`;
    expect(hits?.n).toBe(1);

    // The same key with the right PIN is a new attempt (nothing was stored), and it goes through.
    const refund = await api(barista).refunds.kioskRefund({
      idempotencyKey: "kiosk-refund-wrong",
      orderId: sale.orderId,
      reason: "고객 변심",
      pin: DEMO_MANAGER_PIN,
    });
    expect(refund).toMatchObject({ amount: 3_000n, status: "refunded", tenders: [{ kind: "cash", amount: 3_000n, to: "cash" }] });
  });

  it("checks the input, and no other role may call it", async () => {
    const sale = await api(barista).orders.checkout({ idempotencyKey: key(), lines: [await world.line("cookie")], remainder: { method: "cash", tendered: 5_000 } });
    for (const pin of ["123", "1234567", "12a4", ""]) {
      const error = await failure(api(barista).refunds.kioskRefund({ idempotencyKey: key(), orderId: sale.orderId, reason: "x", pin }));
      expect(error.code, pin).toBe("BAD_REQUEST");
    }
    const noReason = await failure(
      api(barista).refunds.kioskRefund({ idempotencyKey: key(), orderId: sale.orderId, reason: "  ", pin: DEMO_MANAGER_PIN }),
    );
    expect(noReason.code).toBe("BAD_REQUEST");
    expect((await failure(api(manager).refunds.kioskRefund({ idempotencyKey: key(), orderId: sale.orderId, reason: "x", pin: DEMO_MANAGER_PIN }))).code).toBe(
      "FORBIDDEN",
    );
    // The cafeteria's kiosk: no manager there has a PIN, and the order is not theirs anyway.
    const elsewhere = await failure(
      api(otherKiosk).refunds.kioskRefund({ idempotencyKey: key(), orderId: sale.orderId, reason: "x", pin: DEMO_MANAGER_PIN }),
    );
    expect(elsewhere.cause).toMatchObject({ messageKey: "managerPinNotSet" });
    const more = await failure(
      api(barista).refunds.kioskRefund({
        idempotencyKey: key(),
        orderId: sale.orderId,
        lines: [{ lineId: crypto.randomUUID(), quantity: 1 }],
        reason: "x",
        pin: DEMO_MANAGER_PIN,
      }),
    );
    expect(more.cause).toMatchObject({ messageKey: "refundLineNotFound" });
  });

  it("lists today's paid orders of the kiosk's store, newest first, and finds one by its pickup number", async () => {
    const first = await api(barista).orders.checkout({ idempotencyKey: key(), lines: [await world.line("croissant", 2)], remainder: { method: "cash", tendered: 10_000 } });
    const second = await api(barista).orders.checkout({
      idempotencyKey: key(),
      lines: [await world.line("americano", 1, ["iced", "large"])],
      remainder: { method: "cash", tendered: 3_000 },
    });
    const unpaid = await api(barista).orders.create({ idempotencyKey: key(), lines: [await world.line("cookie")] });
    // An order of yesterday is not today's.
    const old = await api(barista).orders.checkout({ idempotencyKey: key(), lines: [await world.line("scone")], remainder: { method: "cash", tendered: 5_000 } });
    await database.sql`update orders set business_date = business_date - 1 where id = ${old.orderId}`;

    const { orders, timeZone } = await api(barista).refunds.findOrders();
    expect(timeZone).toBe("Asia/Seoul");
    const ids = orders.map((order) => order.id);
    expect(ids.slice(0, 2)).toEqual([second.orderId, first.orderId]);
    expect(ids).not.toContain(unpaid.id);
    expect(ids).not.toContain(old.orderId);
    const paidTimes = orders.map((order) => order.paidAt?.getTime() ?? 0);
    expect(paidTimes).toEqual([...paidTimes].sort((a, b) => b - a));

    const [latest] = orders;
    expect(latest).toMatchObject({
      pickupNumber: second.pickupNumber,
      status: "paid",
      total: 3_000n,
      refundedAmount: 0n,
      payerName: null,
      lines: [
        {
          nameKo: "아메리카노",
          quantity: 1,
          refundedQuantity: 0,
          unitPrice: 3_000n,
          options: [
            { nameKo: "차갑게", nameEn: "Iced" },
            { nameKo: "라지", nameEn: "Large" },
          ],
        },
      ],
      tenders: [{ kind: "cash", amount: 3_000n, refundedAmount: 0n, meal: null }],
      refunds: [],
    });

    const byNumber = await api(barista).refunds.findOrders({ pickupNumber: first.pickupNumber });
    expect(byNumber.orders.map((order) => order.id)).toEqual([first.orderId]);
    expect(byNumber.orders[0]?.lines[0]).toMatchObject({ nameKo: "크루아상", quantity: 2 });
    expect((await api(barista).refunds.findOrders({ pickupNumber: 9_999 })).orders).toEqual([]);

    // Another store's kiosk sees none of these.
    const theirs = await api(otherKiosk).refunds.findOrders();
    expect(theirs.orders.filter((order) => ids.includes(order.id))).toEqual([]);
  });
});
