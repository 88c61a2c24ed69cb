import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MANAGER_PIN } from "@/db/seed-data";
import { orderLines, paymentTenders } from "@/db/schema";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { SandboxCardTerminal } from "@/server/providers/sandbox-card-terminal";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { LUNCHTIME, moneyWorld } from "@/test/money-fixtures";
import { cardCheckout } from "../payments/card-checkout";
import { listUnresolvedCardVoids } from "../payments/card-voids";
import { kioskRefund } from "./kiosk-refund";

type World = Awaited<ReturnType<typeof moneyWorld>>;

// These sales are paid at the kiosk terminal: a refund that reached for the PG would be a bug.
const noPg = (): never => {
  throw new Error("a terminal refund must not call the PG");
};

describe("a refund's card share goes back through the terminal that charged it", () => {
  let database: TestDatabase;
  let world: World;
  const terminal = new SandboxCardTerminal({ approveDelayMs: 5, timeoutMs: 60 });
  let counter = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
  });
  afterAll(async () => {
    const report = await verifyLedger(database.db);
    expect(report.checks.filter((check) => check.breaches > 0)).toEqual([]);
    await database.close();
  });

  /** A card sale of a sandwich and a cookie (7,500 won) on a terminal of its own. */
  async function cardSale(options: { voidFails?: boolean } = {}) {
    const terminalId = `refund-terminal-${counter++}`;
    if (options.voidFails) terminal.setNext(terminalId, { outcome: "approve", voidFails: true });
    const sale = await cardCheckout(database.db, terminal, {
      scope: world.kiosk.id,
      key: `card-refund-sale-${counter}`,
      input: {
        storeId: world.cafe.id,
        terminalId,
        lines: [await world.line("sandwich"), await world.line("cookie")],
        payers: [],
        actorId: world.kiosk.id,
        now: LUNCHTIME,
      },
    });
    const reference = `card-refund-sale-${counter}`;
    const lines = await database.db.select().from(orderLines).where(eq(orderLines.orderId, sale.orderId)).orderBy(orderLines.lineNo);
    return { sale, terminalId, reference, lines };
  }

  const refund = (orderId: string, key: string, lines?: { lineId: string; quantity: number }[]) =>
    kioskRefund(database.db, { terminal, pg: noPg }, {
      scope: world.kiosk.id,
      key,
      input: { storeId: world.cafe.id, kioskId: world.kiosk.id, orderId, lines, reason: "고객 변심", pin: DEMO_MANAGER_PIN, now: LUNCHTIME },
    });

  it("records the terminal and the charge's reference on the card tender", async () => {
    const { sale, terminalId, reference } = await cardSale();
    const [tender] = await database.db.select().from(paymentTenders).where(eq(paymentTenders.orderId, sale.orderId));
    expect(tender).toMatchObject({ kind: "card", terminalId, terminalReference: reference, reference: sale.card?.approvalNumber });
  });

  it("cancels part of the approval for one line, once however often the refund is retried", async () => {
    const { sale, terminalId, reference, lines } = await cardSale();
    const sandwich = lines[0];
    if (!sandwich) throw new Error("no line");
    expect(terminal.taken(terminalId, reference)).toBe(7_500n);

    const first = await refund(sale.orderId, `card-refund-${counter}`, [{ lineId: sandwich.id, quantity: 1 }]);
    expect(first.card).toEqual({ approvalNumber: sale.card?.approvalNumber, amount: sandwich.lineTotal, outcome: "canceled" });
    expect(terminal.taken(terminalId, reference)).toBe(7_500n - sandwich.lineTotal);

    // The same request again (a Wi-Fi drop after the refund went through): same answer, no second cancel.
    const again = await refund(sale.orderId, `card-refund-${counter}`, [{ lineId: sandwich.id, quantity: 1 }]);
    expect(again.refundId).toBe(first.refundId);
    expect(again.card?.outcome).toBe("canceled");
    expect(terminal.taken(terminalId, reference)).toBe(7_500n - sandwich.lineTotal);

    // The rest of the order: the terminal gives back exactly what is left.
    const rest = await refund(sale.orderId, `card-refund-rest-${counter}`);
    expect(rest.card?.amount).toBe(7_500n - sandwich.lineTotal);
    expect(terminal.taken(terminalId, reference)).toBe(0n);
  });

  it("a cancel the terminal refuses is shown as failed and listed for the day close", async () => {
    const { sale, terminalId, reference } = await cardSale({ voidFails: true });
    const result = await refund(sale.orderId, `card-refund-fails-${counter}`);
    expect(result.status).toBe("refunded");
    expect(result.card).toMatchObject({ amount: 7_500n, outcome: "failed" });
    expect(terminal.taken(terminalId, reference)).toBe(7_500n);

    const open = await listUnresolvedCardVoids({ tx: database.db, input: { storeId: world.cafe.id, now: new Date() } });
    const listed = open.filter((entry) => entry.reference === `refund:${result.refundId}`);
    expect(listed).toEqual([expect.objectContaining({ amount: 7_500n, approvalNumber: sale.card?.approvalNumber, cause: "refundCardCancel" })]);

    // A retry reports the same failure and does not list it twice.
    const again = await refund(sale.orderId, `card-refund-fails-${counter}`);
    expect(again.card?.outcome).toBe("failed");
    const after = await listUnresolvedCardVoids({ tx: database.db, input: { storeId: world.cafe.id, now: new Date() } });
    expect(after.filter((entry) => entry.reference === `refund:${result.refundId}`)).toHaveLength(1);
  });

  it("a refund with no card share does not touch the terminal", async () => {
    const employee = await world.employee(1);
    await world.fund(employee, 20_000n);
    const sale = await world.sell({ lines: [await world.line("cookie")], payer: { employeeId: employee } });
    const before = terminal.history().length;
    const result = await refund(sale.orderId, `card-refund-none-${counter++}`);
    expect(result.card).toBeNull();
    expect(terminal.history()).toHaveLength(before);
  });
});
