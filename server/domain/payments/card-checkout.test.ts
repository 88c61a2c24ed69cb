import { errorOf } from "@/test/helpers";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { menuItems, paymentTenders } from "@/db/schema";
import { generatePayCode } from "@/lib/paycode";
import { walletOf } from "@/server/domain/ledger/accounts";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { registerPayDevice } from "@/server/domain/paycode/register-device";
import type { CardTerminal } from "@/server/providers/card-terminal";
import { SANDBOX_DECLINE_REASON, SandboxCardTerminal } from "@/server/providers/sandbox-card-terminal";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { LUNCHTIME, moneyWorld } from "@/test/money-fixtures";
import { DomainError } from "../errors";
import { cardCheckout, type CardCheckoutHooks } from "./card-checkout";
import { listUnresolvedCardVoids, resolveCardVoid } from "./card-voids";
import type { PayerRef } from "./checkout";

type World = Awaited<ReturnType<typeof moneyWorld>>;
type Line = Awaited<ReturnType<World["line"]>>;

describe("card checkout at the kiosk terminal", () => {
  let database: TestDatabase;
  let world: World;
  const terminal = new SandboxCardTerminal({ approveDelayMs: 5, timeoutMs: 60 });
  let keys = 0;
  // One terminal per test, so each test reads only its own charges in the sandbox's history.
  let terminalId = "";
  const charges = () => terminal.history(terminalId).filter((event) => event.type === "charge");
  const cancels = () => terminal.history(terminalId).filter((event) => event.type === "cancel");

  const pay = (input: {
    lines: Line[];
    payers?: PayerRef[];
    walletSplit?: "even" | "first";
    key?: string;
    hooks?: CardCheckoutHooks;
    waitMs?: number;
    via?: CardTerminal;
  }) =>
    cardCheckout(database.db, input.via ?? terminal, {
      scope: world.kiosk.id,
      key: input.key ?? `card-test-${keys++}`,
      hooks: input.hooks,
      waitMs: input.waitMs,
      input: {
        storeId: world.cafe.id,
        terminalId,
        lines: input.lines,
        payers: input.payers ?? [],
        walletSplit: input.walletSplit,
        actorId: world.kiosk.id,
        now: LUNCHTIME,
      },
    });

  /** Everything a sale could leave behind; a refused card payment must leave all of it as it was. */
  const footprint = async () => {
    const [row] = await database.sql`
      select (select count(*)::int from orders) as orders,
             (select count(*)::int from payment_tenders) as tenders,
             (select count(*)::int from ledger_transfers) as transfers,
             (select count(*)::int from audit_log) as audit,
             (select count(*)::int from idempotency_keys) as keys,
             (select count(*)::int from pay_code_uses) as code_uses,
             (select coalesce(sum(last_number), 0)::int from store_daily_counters) as pickup_numbers`;
    return row;
  };

  const setSoldOut = async (code: string, soldOut: boolean) => {
    await database.db.update(menuItems).set({ isSoldOut: soldOut }).where(and(eq(menuItems.code, code), eq(menuItems.storeId, world.cafe.id)));
  };

  const payCodeOf = async (employeeId: string) => {
    const device = await registerPayDevice({ tx: database.db, input: { userId: employeeId, label: "phone" } });
    return generatePayCode({ secret: device.secret, deviceNo: device.deviceNo, now: LUNCHTIME });
  };

  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 12 });
    world = await moneyWorld(database.db);
  });
  afterAll(async () => {
    const report = await verifyLedger(database.db);
    expect(report.checks.filter((check) => check.breaches > 0)).toEqual([]);
    await database.close();
  });

  let terminalCounter = 0;
  const freshTerminal = () => {
    terminalId = `kiosk-terminal-${terminalCounter++}`;
  };

  it("approves: the order is paid, and the card tender carries the approval number", async () => {
    freshTerminal();
    const result = await pay({ lines: [await world.line("sandwich"), await world.line("cookie")] });

    expect(result.total).toBe(7_500n);
    expect(result.tenders).toEqual([{ kind: "card", amount: 7_500n }]);
    expect(result.card?.approvalNumber).toMatch(/^\d{8}$/);
    const tenders = await database.db.select().from(paymentTenders).where(eq(paymentTenders.orderId, result.orderId));
    expect(tenders).toEqual([expect.objectContaining({ kind: "card", amount: 7_500n, reference: result.card?.approvalNumber })]);
    const [order] = await database.sql`select status from orders where id = ${result.orderId}`;
    expect(order?.status).toBe("paid");
    expect(charges()).toEqual([expect.objectContaining({ amount: 7_500n, outcome: "approved" })]);
    expect(cancels()).toEqual([]);
  });

  it("charges the card only what the pay code's voucher and wallet leave, priced on the server; the code is then used", async () => {
    freshTerminal();
    const employeeId = await world.employee(31);
    await world.fund(employeeId, 1_000n);
    const payCode = await payCodeOf(employeeId);
    // 2,500 + 500 (large): the wallet's 1,000, then 2,000 by card.
    const result = await pay({ lines: [await world.line("americano", 1, ["large"])], payers: [{ payCode }] });

    expect(result.tenders).toEqual([
      { kind: "wallet", amount: 1_000n },
      { kind: "card", amount: 2_000n },
    ]);
    expect(charges()).toEqual([expect.objectContaining({ amount: 2_000n })]);
    expect((await walletOf(database.db, employeeId))?.balance).toBe(0n);
    const again = await errorOf(pay({ lines: [await world.line("cookie")], payers: [{ payCode }] }));
    expect(again).toMatchObject({ messageKey: "payCodeUsed" });
    expect(charges()).toHaveLength(1);
  });

  it("declines: nothing is written, the reason is given, and the pay code stays usable", async () => {
    freshTerminal();
    const employeeId = await world.employee(32);
    const payCode = await payCodeOf(employeeId);
    const lines = [await world.line("scone")];
    const before = await footprint();
    terminal.setNext(terminalId, { outcome: "decline" });

    const error = await errorOf(pay({ lines, payers: [{ payCode }] }));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ messageKey: "cardDeclined", details: { reason: SANDBOX_DECLINE_REASON } });
    expect(await footprint()).toEqual(before);

    // The barista tries again (a new attempt): the terminal approves and the same code pays.
    const paid = await pay({ lines, payers: [{ payCode }] });
    expect(paid.tenders).toEqual([{ kind: "card", amount: 3_000n }]);
    expect(charges().map((charge) => charge.outcome)).toEqual(["declined", "approved"]);
  });

  it("times out: nothing is written, and the charge is canceled by reference so a late approval takes no money", async () => {
    freshTerminal();
    const before = await footprint();
    terminal.setNext(terminalId, { outcome: "timeout" });

    const error = await errorOf(pay({ lines: [await world.line("croissant")], key: "card-timeout-1" }));
    expect(error).toMatchObject({ messageKey: "cardTimedOut" });
    expect(await footprint()).toEqual(before);
    expect(cancels()).toEqual([expect.objectContaining({ reference: "card-timeout-1", outcome: "canceled" })]);
    // The sandbox approved it late, as a real network can; the cancel took that back.
    expect(terminal.taken(terminalId, "card-timeout-1")).toBe(0n);
  });

  it("gives up on a terminal that never answers within the kiosk's wait, and cancels by reference", async () => {
    freshTerminal();
    const canceled: { approvalNumber: string | null; reference: string }[] = [];
    const silent: CardTerminal = {
      charge: () => new Promise(() => {}),
      cancel: async (input) => {
        canceled.push({ approvalNumber: input.approvalNumber, reference: input.reference });
        return { outcome: "canceled", canceledAt: new Date() };
      },
    };
    const before = await footprint();
    const error = await errorOf(pay({ lines: [await world.line("cookie")], key: "card-silent-1", via: silent, waitMs: 50 }));
    expect(error).toMatchObject({ messageKey: "cardTimedOut" });
    expect(canceled).toEqual([{ approvalNumber: null, reference: "card-silent-1" }]);
    expect(await footprint()).toEqual(before);
  });

  it("voids the approval when the sale then fails to record (sold out meanwhile), and says so", async () => {
    freshTerminal();
    const before = await footprint();
    try {
      const error = await errorOf(
        pay({ lines: [await world.line("sandwich")], key: "card-soldout-1", hooks: { beforeRecord: () => setSoldOut("sandwich", true) } }),
      );
      expect(error).toMatchObject({ messageKey: "menuItemSoldOut" });
      const approval = charges()[0];
      expect(approval?.outcome).toBe("approved");
      expect((error as DomainError).details?.cardVoided).toMatch(/^\d{8}$/);
      expect(cancels()).toEqual([expect.objectContaining({ reference: "card-soldout-1", amount: 5_500n, outcome: "canceled" })]);
      expect(terminal.taken(terminalId, "card-soldout-1")).toBe(0n);
      expect(await footprint()).toMatchObject({ orders: before?.orders, tenders: before?.tenders, transfers: before?.transfers, audit: before?.audit });
    } finally {
      await setSoldOut("sandwich", false);
    }
  });

  it("voids the approval when the wallet was spent elsewhere while the card was at the terminal", async () => {
    freshTerminal();
    const employeeId = await world.employee(33);
    await world.fund(employeeId, 2_000n);
    const payCode = await payCodeOf(employeeId);
    const error = await errorOf(
      pay({
        lines: [await world.line("sandwich")],
        payers: [{ payCode }],
        key: "card-spent-1",
        // The same person pays for a cookie at another kiosk with their wallet meanwhile.
        hooks: { beforeRecord: async () => void (await world.sell({ lines: [await world.line("cookie")], payer: { employeeId } })) },
      }),
    );
    // The card was approved for 3,500 but would now have to pay 5,500: refused, and the 3,500 given back.
    expect(error).toMatchObject({ messageKey: "cardAmountChanged" });
    expect(charges()).toEqual([expect.objectContaining({ amount: 3_500n })]);
    expect(terminal.taken(terminalId, "card-spent-1")).toBe(0n);
  });

  it("when the void fails too: an audit row, an error that says to void by hand, and the day close lists it until resolved", async () => {
    freshTerminal();
    terminal.setNext(terminalId, { outcome: "approve", voidFails: true });
    let error: unknown;
    try {
      error = await errorOf(
        pay({ lines: [await world.line("sandwich")], key: "card-voidfail-1", hooks: { beforeRecord: () => setSoldOut("sandwich", true) } }),
      );
    } finally {
      await setSoldOut("sandwich", false);
    }
    const approvalNumber = (error as DomainError).details?.approvalNumber;
    expect(error).toMatchObject({ messageKey: "cardVoidFailed", details: { amount: 5_500 } });
    expect(approvalNumber).toMatch(/^\d{8}$/);
    expect(terminal.taken(terminalId, "card-voidfail-1")).toBe(5_500n);

    const [audit] = await database.sql`select action, entity_id, after from audit_log where action = 'card.void_failed'`;
    expect(audit).toMatchObject({
      entity_id: "card-voidfail-1",
      after: { storeId: world.cafe.id, terminalId, approvalNumber, amount: "5500", cause: "menuItemSoldOut" },
    });
    const listed = await listUnresolvedCardVoids({ tx: database.db, input: { storeId: world.cafe.id, now: new Date() } });
    expect(listed).toEqual([expect.objectContaining({ reference: "card-voidfail-1", approvalNumber, amount: 5_500n, terminalId })]);
    // Another store's day close does not see it.
    expect(await listUnresolvedCardVoids({ tx: database.db, input: { storeId: world.cafeteria.id, now: new Date() } })).toEqual([]);

    const entry = listed[0];
    if (!entry) throw new Error("not listed");
    await resolveCardVoid({ tx: database.db, input: { id: entry.id, storeId: world.cafe.id, actorId: world.kiosk.id, now: new Date() } });
    expect(await listUnresolvedCardVoids({ tx: database.db, input: { storeId: world.cafe.id, now: new Date() } })).toEqual([]);
  });

  it("the same key twice returns the first result and charges the terminal once, also when the copies overlap", async () => {
    freshTerminal();
    const lines = [await world.line("americano")];
    const first = await pay({ lines, key: "card-same-1" });
    const second = await pay({ lines, key: "card-same-1" });
    expect(second).toEqual(first);
    expect(charges()).toHaveLength(1);

    const settled = await Promise.allSettled([pay({ lines, key: "card-same-2" }), pay({ lines, key: "card-same-2" })]);
    const paid = settled.filter((outcome) => outcome.status === "fulfilled").map((outcome) => outcome.value.orderId);
    const refused = settled.filter((outcome) => outcome.status === "rejected").map((outcome) => outcome.reason as DomainError);
    // A copy that arrives while the first is at the terminal is told to retry; it never charges.
    expect(new Set(paid).size).toBe(1);
    for (const reason of refused) expect(reason).toMatchObject({ messageKey: "requestInProgress" });
    expect(charges()).toHaveLength(2);
    const retried = await pay({ lines, key: "card-same-2" });
    expect(retried.orderId).toBe(paid[0]);
    expect(charges()).toHaveLength(2);

    const conflict = await errorOf(pay({ lines: [await world.line("cookie")], key: "card-same-1" }));
    expect(conflict).toMatchObject({ messageKey: "idempotencyKeyReused" });
  });

  it("a group whose vouchers and wallets leave a rest pays it at the terminal", async () => {
    freshTerminal();
    const [a, b] = await Promise.all([world.employee(34), world.employee(35)]);
    await world.lunch(a);
    const codes = [await payCodeOf(a), await payCodeOf(b)];
    // 2 sandwiches (11,000) + a cookie (2,000) = 13,000: a's 9,000 voucher, nothing in either wallet, 4,000 by card.
    const result = await pay({
      lines: [await world.line("sandwich", 2), await world.line("cookie")],
      payers: codes.map((payCode) => ({ payCode })),
      walletSplit: "even",
    });
    expect(result.tenders).toEqual([
      expect.objectContaining({ kind: "voucher", amount: 9_000n }),
      { kind: "card", amount: 4_000n },
    ]);
    expect(result.payers).toEqual([
      expect.objectContaining({ employeeId: a, voucher: 9_000n, wallet: 0n }),
      expect.objectContaining({ employeeId: b, voucher: 0n, wallet: 0n }),
    ]);
    expect(charges()).toEqual([expect.objectContaining({ amount: 4_000n, outcome: "approved" })]);
  });
});
