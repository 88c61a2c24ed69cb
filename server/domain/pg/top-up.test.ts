import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ledgerTransfers, pgPayments, pgWebhookEvents, sandboxPgPayments } from "@/db/schema";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { errorOf } from "@/test/helpers";
import { moneyWorld } from "@/test/money-fixtures";
import { FAIL_URL, pgHarness, SUCCESS_URL } from "@/test/pg-harness";
import { DomainError } from "../errors";
import { walletOf } from "../ledger/accounts";
import { cancelTopUp } from "./cancel-top-up";
import { noteCheckoutFailure } from "./checkout-failure";
import { confirmPgPayment } from "./confirm";
import { TOP_UP_MAX_WON, TOP_UP_MIN_WON, WALLET_MAX_BALANCE_WON } from "./limits";
import { topUpOverview } from "./list-top-ups";
import { startTopUp } from "./start-top-up";

describe("card top-up through the sandbox PG", () => {
  let database: TestDatabase;
  let world: Awaited<ReturnType<typeof moneyWorld>>;
  let pg: ReturnType<typeof pgHarness>;
  let employeeNo = 10;
  let employee = "";

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
  });
  afterAll(async () => {
    await pg?.sandbox.webhooks.settled();
    await database.close();
  });
  // Each test is a different employee with an empty wallet and a fresh sandbox.
  beforeEach(async () => {
    await pg?.sandbox.webhooks.settled();
    pg = pgHarness(database.db);
    employee = await world.employee(employeeNo++);
  });

  const balance = async (userId = employee) => (await walletOf(database.db, userId))?.balance ?? 0n;
  const row = async (orderId: string) => {
    const [found] = await database.db.select().from(pgPayments).where(eq(pgPayments.pgOrderId, orderId));
    if (!found) throw new Error(`no pg_payments row ${orderId}`);
    return found;
  };
  const topUpTransfers = async (orderId: string) =>
    database.db.select().from(ledgerTransfers).where(and(eq(ledgerTransfers.kind, "top_up"), eq(ledgerTransfers.memo, `card top-up ${orderId}`)));
  const start = (amount: bigint, userId = employee) =>
    startTopUp({ tx: database.db, provider: pg.provider, input: { userId, amount, successUrl: SUCCESS_URL, failUrl: FAIL_URL } });
  const checkoutUrl = (started: Awaited<ReturnType<typeof start>>) => {
    if (started.checkout.kind !== "redirect") throw new Error("the sandbox checks out by redirect");
    return started.checkout.url;
  };
  /** Start → the employee approves on the PG's page → the success URL's parameters. */
  const approved = async (amount: bigint, userId = employee) => {
    const started = await start(amount, userId);
    const back = await pg.checkout(checkoutUrl(started), "approve");
    expect(back.target.pathname).toBe("/pay/top-up/success");
    return { started, paymentKey: back.query.paymentKey ?? "", orderId: back.query.orderId ?? "", amount: BigInt(back.query.amount ?? "0") };
  };
  const confirm = (input: { paymentKey: string; orderId: string; amount: bigint }, userId = employee) =>
    confirmPgPayment({ db: database.db, provider: pg.provider, log: pg.log, input: { ...input, userId } });
  const sandboxRow = async (paymentKey: string) => {
    const [found] = await database.db.select().from(sandboxPgPayments).where(eq(sandboxPgPayments.paymentKey, paymentKey));
    return found;
  };
  const domainError = async (promise: Promise<unknown>) => {
    const error = await errorOf(promise);
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  };

  it("start stores a ready payment with a fresh orderId and sends the employee to the PG's page with that amount", async () => {
    const first = await start(30_000n);
    const second = await start(30_000n);
    expect(first.orderId).not.toBe(second.orderId);
    expect(first.orderId).toMatch(/^topup_[A-Za-z0-9_-]{20,}$/);
    const url = new URL(checkoutUrl(first));
    expect(url.pathname).toBe("/sandbox-pg/checkout");
    expect(url.searchParams.get("orderId")).toBe(first.orderId);
    expect(url.searchParams.get("amount")).toBe("30000");
    expect(url.searchParams.get("successUrl")).toBe(SUCCESS_URL);
    expect(await row(first.orderId)).toMatchObject({ status: "ready", amount: 30_000n, purpose: "top_up", userId: employee, transferId: null });
    expect(await balance()).toBe(0n);
  });

  it("start refuses amounts outside the limits and stores nothing", async () => {
    expect((await domainError(start(TOP_UP_MIN_WON - 1_000n))).messageKey).toBe("topUpBelowMin");
    expect((await domainError(start(TOP_UP_MAX_WON + 1_000n))).messageKey).toBe("topUpAboveMax");
    expect((await domainError(start(15_500n))).messageKey).toBe("topUpStep");
    await world.fund(employee, WALLET_MAX_BALANCE_WON - 20_000n);
    const over = await domainError(start(30_000n));
    expect(over).toMatchObject({ messageKey: "topUpOverMaxBalance", details: { room: 20000 } });
    await start(20_000n);
    const rows = await database.db.select().from(pgPayments).where(eq(pgPayments.userId, employee));
    expect(rows.map((found) => found.amount)).toEqual([20_000n]);
  });

  it("approve → confirm credits the wallet by the amount, once, and the PG's DONE webhook changes nothing more", async () => {
    const back = await approved(50_000n);
    expect((await sandboxRow(back.paymentKey))?.status).toBe("in_progress");
    const confirmed = await confirm(back);
    expect(confirmed).toMatchObject({ amount: 50_000n, status: "done", balance: 50_000n, cardLabel: expect.stringMatching(/^\*{4}-\*{4}-\*{4}-\d{4}$/) });
    await pg.sandbox.webhooks.settled();
    // The webhook and the confirm race: whichever books first, the other finds it booked.
    expect(pg.webhookResponses).toHaveLength(1);
    expect(pg.webhookResponses[0]).toMatchObject({ status: 200, outcome: expect.stringMatching(/^(settled|unchanged)$/) });
    expect(await balance()).toBe(50_000n);
    expect(await topUpTransfers(back.orderId)).toHaveLength(1);
    expect(await row(back.orderId)).toMatchObject({ status: "done", paymentKey: back.paymentKey, transferId: expect.any(String) });
    expect((await sandboxRow(back.paymentKey))?.status).toBe("done");

    // The success page reloaded: the same answer, nothing booked again.
    expect(await confirm(back)).toMatchObject({ status: "done", balance: 50_000n });
    expect(await topUpTransfers(back.orderId)).toHaveLength(1);
    expect((await verifyLedger(database.db)).ok).toBe(true);
  });

  it("a success URL whose amount differs from the stored one is refused and changes nothing", async () => {
    const back = await approved(30_000n);
    const refused = await domainError(confirm({ ...back, amount: 10_000n }));
    expect(refused).toMatchObject({ code: "BAD_REQUEST", messageKey: "pgAmountMismatch" });
    expect(await row(back.orderId)).toMatchObject({ status: "ready", transferId: null, paymentKey: null });
    expect((await sandboxRow(back.paymentKey))?.status).toBe("in_progress");
    expect(await balance()).toBe(0n);
    // Someone else's order is not found at all.
    const other = await world.employee(49);
    expect((await domainError(confirm(back, other))).messageKey).toBe("pgPaymentNotFound");
  });

  it("the sandbox's amount was tampered with at checkout: the confirm refuses it and nothing is charged", async () => {
    const started = await start(100_000n);
    const tampered = checkoutUrl(started).replace("amount=100000", "amount=10000");
    const back = await pg.checkout(tampered, "approve");
    const refused = await domainError(confirm({ paymentKey: back.query.paymentKey ?? "", orderId: started.orderId, amount: BigInt(back.query.amount ?? "0") }));
    expect(refused.messageKey).toBe("pgAmountMismatch");
    expect((await sandboxRow(back.query.paymentKey ?? ""))?.status).toBe("in_progress");
    expect(await balance()).toBe(0n);
  });

  it("two confirms and the webhook at the same moment credit the wallet once", async () => {
    const back = await approved(100_000n);
    const results = await Promise.all([
      confirm(back),
      confirm(back),
      // The PG's DONE webhook racing the confirms (sent again on purpose).
      pg.resendWebhooks(back.paymentKey, ["DONE"], 2),
      confirm(back),
    ]);
    await pg.sandbox.webhooks.settled();
    for (const result of [results[0], results[1], results[3]]) expect(result).toMatchObject({ status: "done", balance: 100_000n });
    expect(await balance()).toBe(100_000n);
    expect(await topUpTransfers(back.orderId)).toHaveLength(1);
    expect((await verifyLedger(database.db)).ok).toBe(true);
  });

  it("DONE arriving by webhook before the employee's confirm (its answer lost) credits once", async () => {
    const back = await approved(30_000n);
    // Canteen's confirm reached the PG but its answer never came back.
    const lost = await pg.provider.confirm({ ...back, idempotencyKey: `canteen-confirm-${(await row(back.orderId)).id}` });
    expect(lost.ok).toBe(true);
    await pg.sandbox.webhooks.settled();
    expect(pg.webhookResponses.at(-1)).toEqual({ status: 200, outcome: "settled" });
    expect(await balance()).toBe(30_000n);
    expect(await confirm(back)).toMatchObject({ status: "done", balance: 30_000n });
    expect(await topUpTransfers(back.orderId)).toHaveLength(1);
  });

  it("the limits are checked again at confirm: a wallet that grew meanwhile is not charged", async () => {
    await world.fund(employee, 1_400_000n);
    const back = await approved(500_000n);
    await world.fund(employee, 200_000n);
    const refused = await domainError(confirm(back));
    expect(refused.messageKey).toBe("topUpOverMaxBalance");
    expect((await sandboxRow(back.paymentKey))?.status).toBe("in_progress");
    expect(await row(back.orderId)).toMatchObject({ status: "aborted", failureCode: "topUpOverMaxBalance", transferId: null });
    expect(await balance()).toBe(1_600_000n);
    expect((await domainError(confirm(back))).messageKey).toBe("pgPaymentClosed");
  });

  it("decline on the PG's page: fail URL with the card company's refusal, nothing charged, the row closed", async () => {
    const started = await start(30_000n);
    const back = await pg.checkout(checkoutUrl(started), "decline");
    expect(back.target.pathname).toBe("/pay/top-up/fail");
    expect(back.query).toMatchObject({ code: "REJECT_CARD_COMPANY", orderId: started.orderId });
    expect(back.query.paymentKey).toBeUndefined();
    await pg.sandbox.webhooks.settled();
    expect(await row(started.orderId)).toMatchObject({ status: "aborted", transferId: null });
    expect(await noteCheckoutFailure({ db: database.db, provider: pg.provider, log: pg.log, input: { userId: employee, orderId: started.orderId, code: "REJECT_CARD_COMPANY" } })).toEqual({
      status: "aborted",
      charged: false,
    });
    expect(await balance()).toBe(0n);
  });

  it("time-out: the employee waits, then comes back failed; cancel on the PG's page records no payment at the PG", async () => {
    const slow = pgHarness(database.db, { timeoutMs: 300 });
    const started = await startTopUp({ tx: database.db, provider: slow.provider, input: { userId: employee, amount: 10_000n, successUrl: SUCCESS_URL, failUrl: FAIL_URL } });
    const began = Date.now();
    const url = started.checkout.kind === "redirect" ? started.checkout.url : "";
    const back = await slow.checkout(url, "timeout");
    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
    expect(back.query.code).toBe("PAY_PROCESS_ABORTED");
    await slow.sandbox.webhooks.settled();
    expect(await row(started.orderId)).toMatchObject({ status: "aborted", transferId: null });

    const canceled = await start(10_000n);
    const left = await pg.checkout(checkoutUrl(canceled), "cancel");
    expect(left.query.code).toBe("PAY_PROCESS_CANCELED");
    const noted = await noteCheckoutFailure({ db: database.db, provider: pg.provider, input: { userId: employee, orderId: canceled.orderId, code: "PAY_PROCESS_CANCELED" } });
    expect(noted).toEqual({ status: "aborted", charged: false });
    expect(await row(canceled.orderId)).toMatchObject({ status: "aborted", failureCode: "PAY_PROCESS_CANCELED" });
    expect(await balance()).toBe(0n);
  });

  it("cancel: part, then the rest; never more than is left or than the wallet holds; a retry cancels once", async () => {
    const back = await approved(50_000n);
    const { id } = await confirm(back);
    const cancel = (amount: bigint | null, key: string) =>
      cancelTopUp({ db: database.db, provider: pg.provider, log: pg.log, input: { userId: employee, id, amount, idempotencyKey: key } });

    const part = await cancel(20_000n, "cancel-key-0001");
    expect(part).toMatchObject({ canceled: 20_000n, canceledAmount: 20_000n, status: "partial_canceled", balance: 30_000n });
    expect(await cancel(20_000n, "cancel-key-0001")).toEqual(part);
    expect(await balance()).toBe(30_000n);
    expect((await sandboxRow(back.paymentKey))?.balanceAmount).toBe(30_000n);

    expect((await domainError(cancel(40_000n, "cancel-key-0002"))).messageKey).toBe("topUpCancelTooMuch");
    // Spend some of it at the cafe: the rest of the top-up is no longer all in the wallet.
    await world.sell({ lines: [await world.line("scone"), await world.line("scone")], payer: { employeeId: employee } });
    const spentDown = await balance();
    expect(spentDown).toBeLessThan(30_000n);
    const spent = await domainError(cancel(null, "cancel-key-0003"));
    expect(spent).toMatchObject({ messageKey: "topUpCancelSpent", details: { available: Number(spentDown) } });
    expect((await sandboxRow(back.paymentKey))?.balanceAmount).toBe(30_000n);
    const rest = await cancel(spentDown, "cancel-key-0004");
    expect(rest.balance).toBe(0n);
    await pg.sandbox.webhooks.settled();
    expect(pg.webhookResponses.every((response) => response.status === 200 && response.outcome === "unchanged")).toBe(true);
    const overview = await topUpOverview({ tx: database.db, input: { userId: employee } });
    expect(overview.topUps[0]).toMatchObject({ id, status: "partial_canceled", canceledAmount: 50_000n - (30_000n - spentDown), cancelable: 0n });
    expect((await verifyLedger(database.db)).ok).toBe(true);
  });

  it("a top-up not yet confirmed cannot be canceled, nor another employee's", async () => {
    const back = await approved(10_000n);
    const { id } = await row(back.orderId);
    const cancel = (userId: string) =>
      cancelTopUp({ db: database.db, provider: pg.provider, input: { userId, id, amount: null, idempotencyKey: `k-${userId}` } });
    expect((await domainError(cancel(employee))).messageKey).toBe("topUpNotCancelable");
    await confirm(back);
    expect((await domainError(cancel(await world.employee(48)))).messageKey).toBe("pgPaymentNotFound");
  });

  it("the overview shows the balance, the limits and the recent top-ups with what may be canceled", async () => {
    const back = await approved(30_000n);
    await confirm(back);
    await start(10_000n);
    const overview = await topUpOverview({ tx: database.db, input: { userId: employee } });
    expect(overview).toMatchObject({ balance: 30_000n, limits: { min: 10_000n, max: 500_000n, maxBalance: 2_000_000n, room: 1_970_000n } });
    expect(overview.topUps).toEqual([expect.objectContaining({ amount: 30_000n, status: "done", cancelable: 30_000n })]);
  });

  it("webhook events are recorded as received", async () => {
    const back = await approved(10_000n);
    await confirm(back);
    await pg.sandbox.webhooks.settled();
    const events = await database.db.select().from(pgWebhookEvents).where(eq(pgWebhookEvents.paymentKey, back.paymentKey));
    expect(events).toEqual([expect.objectContaining({ eventType: "PAYMENT_STATUS_CHANGED", verified: "hmac-sha256", processedAt: expect.any(Date) })]);
    expect(events[0]?.body).toMatchObject({ data: { paymentKey: back.paymentKey, status: "DONE" } });
  });
});
