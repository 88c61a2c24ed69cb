import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerTransfers, pgPayments, pgWebhookEvents } from "@/db/schema";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { signWebhook } from "@/server/providers/pg-webhook-signature";
import { findCardNumbers } from "@/server/sandbox-pg/card";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { moneyWorld } from "@/test/money-fixtures";
import { FAIL_URL, ORIGIN, pgHarness, randomCardNumber, SUCCESS_URL, WEBHOOK_SECRET } from "@/test/pg-harness";
import { walletOf } from "../ledger/accounts";
import { cancelTopUp } from "./cancel-top-up";
import { confirmPgPayment } from "./confirm";
import { startTopUp } from "./start-top-up";
import { handlePgWebhook } from "./webhook";

describe("PG webhooks", () => {
  let database: TestDatabase;
  let world: Awaited<ReturnType<typeof moneyWorld>>;
  let pg: ReturnType<typeof pgHarness>;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    pg = pgHarness(database.db);
  });
  afterAll(async () => {
    await pg.sandbox.webhooks.settled();
    await database.close();
  });

  const balance = async (userId: string) => (await walletOf(database.db, userId))?.balance ?? 0n;
  const events = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(pgWebhookEvents))[0]?.n ?? 0;
  const transfersOf = (orderId: string) =>
    database.db.select().from(ledgerTransfers).where(and(eq(ledgerTransfers.kind, "top_up"), eq(ledgerTransfers.memo, `card top-up ${orderId}`)));
  const startFor = async (userId: string, amount: bigint) => {
    const started = await startTopUp({ tx: database.db, provider: pg.provider, input: { userId, amount, successUrl: SUCCESS_URL, failUrl: FAIL_URL } });
    if (started.checkout.kind !== "redirect") throw new Error("sandbox redirects");
    return { ...started, url: started.checkout.url };
  };
  const post = (body: string, headers: Record<string, string>) =>
    handlePgWebhook(new Request(`${ORIGIN}/api/pg/webhook`, { method: "POST", body, headers: { "Content-Type": "application/json", ...headers } }), {
      db: database.db,
      provider: pg.provider,
      secret: WEBHOOK_SECRET,
      log: pg.log,
    });

  it("a forged, unsigned or stale webhook gets 401, stores nothing and moves nothing; only a log line says so", async () => {
    const employee = await world.employee(20);
    const started = await startFor(employee, 30_000n);
    const back = await pg.checkout(started.url, "approve");
    const body = JSON.stringify({ eventType: "PAYMENT_STATUS_CHANGED", createdAt: "2026-11-25T12:00:00.000", data: { paymentKey: back.query.paymentKey, status: "DONE" } });
    const before = await events();
    const logLines = pg.logLines.length;

    const forged = await post(body, signWebhook("not-the-secret-at-all-0000", body));
    const unsigned = await post(body, {});
    const stale = await post(body, signWebhook(WEBHOOK_SECRET, body, new Date(Date.now() - 10 * 60_000)));
    const tampered = await post(body.replace("DONE", "CANCELED"), signWebhook(WEBHOOK_SECRET, body));
    expect([forged.status, unsigned.status, stale.status, tampered.status]).toEqual([401, 401, 401, 401]);
    expect(await events()).toBe(before);
    expect(await balance(employee)).toBe(0n);
    const refusals = pg.logLines.slice(logLines).map((line) => JSON.parse(line) as { msg: string; reason: string });
    expect(refusals.map((line) => line.reason)).toEqual(["mismatch", "missing", "stale", "mismatch"]);

    // A genuine signature on the same body is let in, and the PG (not the body) says IN_PROGRESS: nothing is booked.
    const genuine = await post(body, signWebhook(WEBHOOK_SECRET, body));
    expect(genuine.status).toBe(200);
    expect(await genuine.json()).toEqual({ outcome: "pending" });
    expect(await balance(employee)).toBe(0n);
  });

  it("DONE and a stale ABORTED, delivered 7 times each in mixed order, converge on one credit", async () => {
    const employee = await world.employee(21);
    const started = await startFor(employee, 50_000n);
    const back = await pg.checkout(started.url, "approve");
    const paymentKey = back.query.paymentKey ?? "";
    // The PG's first DONE arrives before the employee's confirm has finished.
    const confirming = confirmPgPayment({ db: database.db, provider: pg.provider, log: pg.log, input: { userId: employee, paymentKey, orderId: started.orderId, amount: 50_000n } });
    const storms = await Promise.all([
      pg.resendWebhooks(paymentKey, ["DONE", "ABORTED"], 7),
      pg.resendWebhooks(paymentKey, ["ABORTED", "DONE"], 7),
      confirming,
    ]);
    await pg.sandbox.webhooks.settled();
    expect([...storms[0].delivered, ...storms[1].delivered].every((status) => status === 200)).toBe(true);
    expect(await balance(employee)).toBe(50_000n);
    expect(await transfersOf(started.orderId)).toHaveLength(1);
    const [row] = await database.db.select().from(pgPayments).where(eq(pgPayments.pgOrderId, started.orderId));
    expect(row).toMatchObject({ status: "done", canceledAmount: 0n });
    const received = await database.db.select().from(pgWebhookEvents).where(eq(pgWebhookEvents.paymentKey, paymentKey));
    expect(received.length).toBeGreaterThanOrEqual(28);
    expect(received.every((event) => event.processedAt !== null)).toBe(true);
    expect((await verifyLedger(database.db)).ok).toBe(true);
  });

  it("a declined payment stays aborted whatever its webhooks claim, and credits nothing", async () => {
    const employee = await world.employee(22);
    const started = await startFor(employee, 30_000n);
    await pg.checkout(started.url, "decline");
    await pg.sandbox.webhooks.settled();
    const [declined] = await database.db.select().from(pgPayments).where(eq(pgPayments.pgOrderId, started.orderId));
    expect(declined?.status).toBe("aborted");
    const paymentKey = declined?.paymentKey ?? "";
    const sent = await pg.resendWebhooks(paymentKey, ["DONE", "ABORTED", "DONE"], 3);
    expect(sent.delivered.every((status) => status === 200)).toBe(true);
    expect(await balance(employee)).toBe(0n);
    expect(await transfersOf(started.orderId)).toHaveLength(0);
  });

  it("a cancel made at the PG behind Canteen's back is taken back from the wallet when its webhook arrives, once", async () => {
    const employee = await world.employee(23);
    const started = await startFor(employee, 40_000n);
    const back = await pg.checkout(started.url, "approve");
    const paymentKey = back.query.paymentKey ?? "";
    await confirmPgPayment({ db: database.db, provider: pg.provider, input: { userId: employee, paymentKey, orderId: started.orderId, amount: 40_000n } });
    await pg.sandbox.webhooks.settled();
    // An operator cancels 15,000 in the PG's own console.
    const canceled = await pg.provider.cancel({ paymentKey, cancelReason: "상점 관리자 취소", cancelAmount: 15_000n, idempotencyKey: "console-cancel-1" });
    expect(canceled.ok).toBe(true);
    await pg.resendWebhooks(paymentKey, undefined, 7);
    await pg.sandbox.webhooks.settled();
    expect(await balance(employee)).toBe(25_000n);
    const [row] = await database.db.select().from(pgPayments).where(eq(pgPayments.pgOrderId, started.orderId));
    expect(row).toMatchObject({ status: "partial_canceled", canceledAmount: 15_000n });
    // The employee cancels the rest in the app: the two paths agree.
    await cancelTopUp({ db: database.db, provider: pg.provider, input: { userId: employee, id: row?.id ?? "", amount: null, idempotencyKey: "app-cancel-0001" } });
    await pg.sandbox.webhooks.settled();
    expect(await balance(employee)).toBe(0n);
    expect((await verifyLedger(database.db)).ok).toBe(true);
  });

  it("no card number reaches a log line or any text column of the database", async () => {
    const employee = await world.employee(24);
    const cards = [randomCardNumber("4"), randomCardNumber("5"), randomCardNumber("9")];
    const typed = [cards[0] ?? "", (cards[1] ?? "").replace(/(\d{4})(?=\d)/g, "$1 "), (cards[2] ?? "").replace(/(\d{4})(?=\d)/g, "$1-")];
    const approvedTopUp = await startFor(employee, 20_000n);
    const back = await pg.checkout(approvedTopUp.url, "approve", { number: typed[0] });
    await confirmPgPayment({ db: database.db, provider: pg.provider, log: pg.log, input: { userId: employee, paymentKey: back.query.paymentKey ?? "", orderId: approvedTopUp.orderId, amount: 20_000n } });
    await pg.checkout((await startFor(employee, 10_000n)).url, "decline", { number: typed[1] });
    const invalid = await pg.checkout((await startFor(employee, 10_000n)).url, "approve", { number: "4111 1111 1111 1112" });
    expect(invalid.query.error).toBe("card");
    expect(invalid.location).not.toMatch(/4111/);
    await pg.checkout((await startFor(employee, 10_000n)).url, "timeout", { number: typed[2] });
    await pg.sandbox.webhooks.settled();

    const logs = pg.logLines.join("\n");
    expect(pg.logLines.length).toBeGreaterThan(0);
    expect(findCardNumbers(logs)).toEqual([]);

    const columns = (await database.db.execute(sql`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'character')`)) as unknown as {
      table_name: string;
      column_name: string;
    }[];
    expect(columns.length).toBeGreaterThan(20);
    const hits: string[] = [];
    for (const column of columns) {
      const values = (await database.db.execute(
        sql`select ${sql.identifier(column.column_name)}::text as value from ${sql.identifier(column.table_name)} where ${sql.identifier(column.column_name)} is not null`,
      )) as unknown as { value: string }[];
      for (const { value } of values) {
        for (const number of findCardNumbers(value)) hits.push(`${column.table_name}.${column.column_name}: ${number}`);
        for (const card of cards) if (card && value.includes(card.slice(-10))) hits.push(`${column.table_name}.${column.column_name}: tail of ${card}`);
      }
    }
    expect(hits).toEqual([]);
    // The masked label is what is kept.
    const [kept] = await database.db.select().from(pgPayments).where(eq(pgPayments.pgOrderId, approvedTopUp.orderId));
    expect(kept?.cardLabel).toBe(`****-****-****-${(cards[0] ?? "").slice(-4)}`);
  });
});
