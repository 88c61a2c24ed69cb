import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { walletOf } from "@/server/domain/ledger/accounts";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { withIdempotency } from "@/server/domain/idempotency";
import { refundOrder } from "./refund-order";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { LUNCHTIME, moneyWorld } from "@/test/money-fixtures";

type World = Awaited<ReturnType<typeof moneyWorld>>;

describe("payments under concurrency", () => {
  let database: TestDatabase;
  let world: World;
  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 40 });
    world = await moneyWorld(database.db);
  });
  afterAll(() => database.close());

  it("200 concurrent 4,500원 payments against 166,500원: exactly 37 succeed and the wallet ends at 0", async () => {
    const employeeId = await world.employee(40);
    await world.fund(employeeId, 166_500n);
    // Caramel macchiato: 4,500원 with its default options.
    const line = await world.line("caramel-macchiato");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, () => world.sell({ lines: [line], payer: { employeeId } })),
    );
    const succeeded = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const failed = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
    expect(succeeded).toHaveLength(37);
    expect(failed).toHaveLength(163);
    for (const error of failed) expect(error).toMatchObject({ messageKey: "insufficientBalance" });
    expect((await walletOf(database.db, employeeId))?.balance).toBe(0n);
    expect((await verifyLedger(database.db)).ok).toBe(true);
  });

  it("50 concurrent retries of one payment with one key: one charge, 50 identical answers", async () => {
    const employeeId = await world.employee(41);
    await world.fund(employeeId, 100_000n);
    const line = await world.line("americano");
    const key = `retry-${crypto.randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 50 }, () => world.sell({ lines: [line], payer: { employeeId }, key })));
    expect(new Set(answers.map((answer) => answer.orderId)).size).toBe(1);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect((await walletOf(database.db, employeeId))?.balance).toBe(97_500n);
    const [charges] = await database.sql`select count(*)::int as n from orders where payer_id = ${employeeId}`;
    expect(charges?.n).toBe(1);
  });

  it("refuses the same key with a different request, moving nothing", async () => {
    const employeeId = await world.employee(42);
    await world.fund(employeeId, 100_000n);
    const key = `reuse-${crypto.randomUUID()}`;
    await world.sell({ lines: [await world.line("americano")], payer: { employeeId }, key });
    await expect(world.sell({ lines: [await world.line("cafe-latte")], payer: { employeeId }, key })).rejects.toMatchObject({
      messageKey: "idempotencyKeyReused",
    });
    expect((await walletOf(database.db, employeeId))?.balance).toBe(97_500n);
  });

  it("keys are scoped to the caller: two kiosks may use the same key", async () => {
    const employeeId = await world.employee(43);
    await world.fund(employeeId, 100_000n);
    const request = { amount: 1 };
    const first = await withIdempotency(database.db, { scope: "kiosk-a", procedure: "p", key: "same-key-1", request }, async () => "a");
    const second = await withIdempotency(database.db, { scope: "kiosk-b", procedure: "p", key: "same-key-1", request }, async () => "b");
    expect([first, second]).toEqual(["a", "b"]);
  });

  it("random concurrent mixes of payments and partial refunds keep the ledger exact, without deadlocks", async () => {
    const employees = await Promise.all(Array.from({ length: 20 }, (_, index) => world.employee(21 + index)));
    for (const employeeId of employees) await world.fund(employeeId, 30_000n);
    for (const employeeId of employees.slice(0, 10)) await world.lunch(employeeId);
    const menu = await Promise.all(["americano", "cafe-latte", "cookie", "sandwich", "scone"].map((code) => world.line(code)));

    const operation = fc.oneof(
      fc.record({ kind: fc.constant("pay" as const), who: fc.nat(19), item: fc.nat(4), quantity: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant("refund" as const), which: fc.nat(50), quantity: fc.integer({ min: 1, max: 3 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 10, maxLength: 40 }), async (operations) => {
        const paidOrders: string[] = [];
        const unexpected: unknown[] = [];
        await Promise.all(
          operations.map(async (op) => {
            try {
              if (op.kind === "pay") {
                const line = menu[op.item];
                const employeeId = employees[op.who];
                if (!line || !employeeId) return;
                const paid = await world.sell({ lines: [{ ...line, quantity: op.quantity }], payer: { employeeId } });
                paidOrders.push(paid.orderId);
              } else {
                const orderId = paidOrders[op.which % Math.max(paidOrders.length, 1)];
                if (!orderId) return;
                const [line] = await database.sql`select id from order_lines where order_id = ${orderId}`;
                await database.db.transaction((tx) =>
                  refundOrder({
                    tx,
                    input: {
                      orderId,
                      storeId: world.cafe.id,
                      lines: [{ lineId: String(line?.id), quantity: op.quantity }],
                      reason: "property test",
                      actorId: world.kiosk.id,
                      now: LUNCHTIME,
                    },
                  }),
                );
              }
            } catch (error) {
              // Running out of money or refunding more than is left are answers, not faults.
              const key = (error as { messageKey?: string }).messageKey;
              if (!["insufficientBalance", "refundExceedsRemaining", "orderNotRefundable"].includes(key ?? "")) unexpected.push(error);
            }
          }),
        );
        expect(unexpected).toEqual([]);
        const report = await verifyLedger(database.db);
        expect(report.checks.filter((check) => check.breaches > 0)).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });
});
