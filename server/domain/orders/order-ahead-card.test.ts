import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_MANAGER_PIN } from "@/db/seed-data";
import { orderLines, orders, paymentTenders, pgPayments, sandboxPgPayments } from "@/db/schema";
import { walletOf } from "@/server/domain/ledger/accounts";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { SandboxCardTerminal } from "@/server/providers/sandbox-card-terminal";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { errorOf } from "@/test/helpers";
import { LUNCHTIME, moneyWorld } from "@/test/money-fixtures";
import { pgHarness } from "@/test/pg-harness";
import { DomainError } from "../errors";
import { noteCheckoutFailure } from "../pg/checkout-failure";
import { confirmPgPayment } from "../pg/confirm";
import { kioskRefund } from "../refunds/kiosk-refund";
import { releaseUnpaidOrder, startOrderAheadCard } from "./order-ahead-card";

const SUCCESS_URL = "http://canteen.test/pay/order/card/success";
const FAIL_URL = "http://canteen.test/pay/order/card/fail";

describe("order ahead with the rest by card through the PG", () => {
  let database: TestDatabase;
  let world: Awaited<ReturnType<typeof moneyWorld>>;
  let pg: ReturnType<typeof pgHarness>;
  let employee = "";
  let employeeNo = 30;
  let keys = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
  });
  afterAll(async () => {
    await pg?.sandbox.webhooks.settled();
    const report = await verifyLedger(database.db);
    expect(report.checks.filter((check) => check.breaches > 0)).toEqual([]);
    await database.close();
  });
  beforeEach(async () => {
    await pg?.sandbox.webhooks.settled();
    pg = pgHarness(database.db);
    employee = await world.employee(employeeNo++);
  });

  const wallet = async () => (await walletOf(database.db, employee))?.balance ?? 0n;
  /** An iced large americano with an extra shot and a sandwich: 4,500 + 500 + 500 + 5,500. */
  const lines = async () => [await world.line("americano", 1, ["iced", "large"]), await world.line("sandwich")];
  const start = async (key = `order-card-${keys++}`) =>
    startOrderAheadCard(database.db, pg.provider, {
      key,
      input: { employeeId: employee, storeId: world.cafe.id, lines: await lines(), now: new Date(), successUrl: SUCCESS_URL, failUrl: FAIL_URL },
    });
  const checkoutUrl = (started: Awaited<ReturnType<typeof start>>) => {
    if (started.checkout.kind !== "redirect") throw new Error("the sandbox checks out by redirect");
    return started.checkout.url;
  };
  const approve = async (started: Awaited<ReturnType<typeof start>>) => {
    const back = await pg.checkout(checkoutUrl(started), "approve");
    expect(back.target.pathname).toBe("/pay/order/card/success");
    return { paymentKey: back.query.paymentKey ?? "", orderId: back.query.orderId ?? "", amount: BigInt(back.query.amount ?? "0") };
  };
  const confirm = (back: { paymentKey: string; orderId: string; amount: bigint }) =>
    confirmPgPayment({ db: database.db, provider: pg.provider, log: pg.log, input: { ...back, userId: employee } });
  const orderOf = async (id: string) => (await database.db.select().from(orders).where(eq(orders.id, id)))[0];
  const tendersOf = (id: string) =>
    database.db.select({ kind: paymentTenders.kind, amount: paymentTenders.amount, reference: paymentTenders.reference }).from(paymentTenders).where(eq(paymentTenders.orderId, id)).orderBy(paymentTenders.sequence);

  it("the wallet pays what it holds and the card the rest; the order is paid once however often it is confirmed", async () => {
    await world.fund(employee, 3_000n);
    const started = await start();
    const total = started.total;
    expect(started.cardAmount).toBe(total - 3_000n);
    expect((await orderOf(started.orderId))?.status).toBe("pending_payment");

    const back = await approve(started);
    expect(back.amount).toBe(started.cardAmount);
    // Two confirms at once (a double tap, a reload) and the webhook: one payment.
    await Promise.all([confirm(back), confirm(back)]);
    await pg.sandbox.webhooks.settled();
    await confirm(back);

    const order = await orderOf(started.orderId);
    expect(order).toMatchObject({ status: "paid", payerId: employee, source: "pay_app" });
    expect(await tendersOf(started.orderId)).toEqual([
      { kind: "wallet", amount: 3_000n, reference: null },
      { kind: "card", amount: started.cardAmount, reference: back.paymentKey },
    ]);
    expect(await wallet()).toBe(0n);
    const [row] = await database.db.select().from(pgPayments).where(eq(pgPayments.pgOrderId, started.pgOrderId));
    expect(row).toMatchObject({ status: "done", purpose: "order", orderId: started.orderId });
  });

  it("a retried start returns the same order and payment; with enough money no card is needed", async () => {
    await world.fund(employee, 1_000n);
    const first = await start("same-attempt");
    const again = await start("same-attempt");
    expect(again).toEqual(first);
    await world.fund(employee, 20_000n);
    const refused = await errorOf(start());
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).messageKey).toBe("orderAheadCardNotNeeded");
  });

  it("a wallet spent between checkout and confirm: the card is never charged and the order stays unpaid", async () => {
    await world.fund(employee, 5_000n);
    const started = await start();
    const back = await approve(started);
    // The same wallet pays something else at the counter meanwhile.
    await world.sell({ lines: [await world.line("americano")], payer: { employeeId: employee } });
    const refused = await errorOf(confirm(back));
    expect((refused as DomainError).messageKey).toBe("orderAheadFundsChanged");
    expect((await orderOf(started.orderId))?.status).toBe("pending_payment");
    const [sandbox] = await database.db.select().from(sandboxPgPayments).where(eq(sandboxPgPayments.paymentKey, back.paymentKey));
    expect(sandbox?.status).not.toBe("done");
    // The failed checkout releases the order and its pickup number is never called.
    await releaseUnpaidOrder(database.db, started.pgOrderId);
    expect((await orderOf(started.orderId))?.status).toBe("canceled");
  });

  it("a declined card cancels the waiting order and moves nothing", async () => {
    const before = await wallet();
    const started = await start();
    const back = await pg.checkout(checkoutUrl(started), "decline");
    expect(back.target.pathname).toBe("/pay/order/card/fail");
    await noteCheckoutFailure({ db: database.db, provider: pg.provider, log: pg.log, input: { userId: employee, orderId: started.pgOrderId, code: back.query.code ?? "x" } });
    await releaseUnpaidOrder(database.db, started.pgOrderId);
    expect((await orderOf(started.orderId))?.status).toBe("canceled");
    expect(await tendersOf(started.orderId)).toEqual([]);
    expect(await wallet()).toBe(before);
  });

  it("a refund at the kiosk gives the card's share back at the PG, and the PG's webhook books nothing more", async () => {
    await world.fund(employee, 2_000n);
    const started = await start();
    const back = await approve(started);
    await confirm(back);
    const [sandwich] = await database.db.select().from(orderLines).where(eq(orderLines.orderId, started.orderId)).orderBy(orderLines.lineNo).offset(1);
    if (!sandwich) throw new Error("no sandwich line");

    const refund = await kioskRefund(
      database.db,
      { terminal: new SandboxCardTerminal(), pg: () => pg.provider },
      {
        scope: world.kiosk.id,
        key: `order-card-refund-${keys++}`,
        input: { storeId: world.cafe.id, kioskId: world.kiosk.id, orderId: started.orderId, lines: [{ lineId: sandwich.id, quantity: 1 }], reason: "품절", pin: DEMO_MANAGER_PIN, now: LUNCHTIME },
      },
    );
    // The last tender goes back first: the card's share covers the sandwich.
    expect(refund.tenders).toEqual([{ kind: "card", amount: sandwich.lineTotal, to: "card" }]);
    expect(refund.card).toMatchObject({ outcome: "canceled", amount: sandwich.lineTotal, approvalNumber: back.paymentKey });
    await pg.sandbox.webhooks.settled();

    const [sandbox] = await database.db.select().from(sandboxPgPayments).where(eq(sandboxPgPayments.paymentKey, back.paymentKey));
    expect(sandbox).toMatchObject({ status: "partial_canceled", balanceAmount: started.cardAmount - sandwich.lineTotal });
    const [row] = await database.db.select().from(pgPayments).where(eq(pgPayments.pgOrderId, started.pgOrderId));
    expect(row).toMatchObject({ status: "partial_canceled", canceledAmount: sandwich.lineTotal });
    expect(await wallet()).toBe(0n);
  });
});
