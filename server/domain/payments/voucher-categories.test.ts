import { and, eq } from "drizzle-orm";
import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, menuCategories, voucherGrants, voucherPolicyVersions } from "@/db/schema";
import type { SessionUser } from "@/server/auth/roles";
import { walletOf } from "@/server/domain/ledger/accounts";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { createInnerContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { errorOf, sessionOf, trpcFailure } from "@/test/helpers";
import { LUNCHTIME, moneyWorld } from "@/test/money-fixtures";
import { executeAllocation } from "../vouchers/allocation";
import { makeAllDueGrants } from "../vouchers/plans";
import { changePolicy, createPolicy } from "../vouchers/policies";
import { weekdayMealTerms } from "../vouchers/policy-input";
import { refundOrder } from "./refund-order";
import { splitAmongPayers } from "./split";

/** A policy may name the menu categories its vouchers pay for; the rest of an order needs other tenders. */
describe("voucher category restriction", () => {
  let database: TestDatabase;
  let world: Awaited<ReturnType<typeof moneyWorld>>;
  let hr: SessionUser;
  let bakery: string;
  let coffee: string;
  let korean: string;
  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 6 });
    world = await moneyWorld(database.db);
    hr = await sessionOf(database.db, "hr@canteen.dev");
    const categoryId = async (storeId: string, code: string) => {
      const [row] = await database.db
        .select({ id: menuCategories.id })
        .from(menuCategories)
        .where(and(eq(menuCategories.storeId, storeId), eq(menuCategories.code, code)));
      if (!row) throw new Error(`no category ${code}`);
      return row.id;
    };
    bakery = await categoryId(world.cafe.id, "bakery");
    coffee = await categoryId(world.cafe.id, "coffee");
    korean = await categoryId(world.cafeteria.id, "korean");
  });
  afterAll(async () => {
    const report = await verifyLedger(database.db);
    expect(report.checks.filter((check) => check.breaches > 0)).toEqual([]);
    await database.close();
  });

  const wallet = async (id: string) => (await walletOf(database.db, id))?.balance ?? 0n;
  const grantLeft = async (grantId: string) => {
    const [row] = await database.db.select({ balance: accounts.balance }).from(accounts).where(eq(accounts.grantId, grantId));
    return row?.balance;
  };

  it("a bakery-only grant pays the sandwich and the wallet pays the americano", async () => {
    const a = await world.employee(20);
    await world.fund(a, 30_000n);
    const grant = await world.lunch(a, { categoryIds: [bakery] });
    const paid = await world.sell({ lines: [await world.line("sandwich"), await world.line("americano")], payer: { employeeId: a } });
    expect(paid.total).toBe(8_000n);
    expect(paid.tenders).toEqual([
      expect.objectContaining({ kind: "voucher", amount: 5_500n, grantId: grant.id }),
      expect.objectContaining({ kind: "wallet", amount: 2_500n }),
    ]);
    expect(await grantLeft(grant.id)).toBe(3_500n);
    expect(await wallet(a)).toBe(27_500n);
  });

  it("paying a mixed order by voucher alone is refused, naming what the voucher cannot pay for, and moves nothing", async () => {
    const a = await world.employee(21);
    const grant = await world.lunch(a, { categoryIds: [bakery] });
    const lines = [await world.line("sandwich"), await world.line("americano"), await world.line("caramel-macchiato")];
    const refused = await errorOf(world.sell({ lines, payer: { employeeId: a } }));
    expect(refused).toMatchObject({
      messageKey: "insufficientBalance",
      details: { shortfall: 7_000, voucherExcludedKo: "아메리카노, 카라멜마끼아또", voucherExcludedEn: "Americano, Caramel Macchiato" },
    });
    expect(await grantLeft(grant.id)).toBe(9_000n);

    // The kiosk then takes the rest by card: the voucher pays the eligible lines only.
    const split = await world.sell({ lines, payer: { employeeId: a }, remainder: { method: "card", approvalNumber: "A-1" } });
    expect(split.tenders).toEqual([
      expect.objectContaining({ kind: "voucher", amount: 5_500n }),
      expect.objectContaining({ kind: "card", amount: 7_000n }),
    ]);
    expect(await grantLeft(grant.id)).toBe(3_500n);
  });

  it("an any-category voucher ahead in the tender order leaves the restricted one the lines only it may pay", async () => {
    const a = await world.employee(22);
    await world.fund(a, 30_000n);
    // The unrestricted grant expires first, so it pays first.
    const open = await world.lunch(a, { validUntil: new Date("2026-11-25T20:00:00+09:00") });
    const restricted = await world.lunch(a, { categoryIds: [bakery] });
    const paid = await world.sell({
      lines: [await world.line("sandwich"), await world.line("americano"), await world.line("caramel-macchiato")],
      payer: { employeeId: a },
    });
    expect(paid.total).toBe(12_500n);
    expect(paid.tenders).toEqual([
      expect.objectContaining({ kind: "voucher", amount: 9_000n, grantId: open.id }),
      expect.objectContaining({ kind: "voucher", amount: 3_500n, grantId: restricted.id }),
    ]);
    expect(await wallet(a)).toBe(30_000n);
  });

  it("pays at most the eligible lines' net after discounts", () => {
    const split = splitAmongPayers({
      total: 6_000n,
      lines: [
        { key: "sandwich", net: 2_750n }, // 50% off
        { key: "americano", net: 2_500n },
        { key: "cookie", net: 750n },
      ],
      payers: [
        {
          payerId: "p",
          vouchers: [{ grantId: "g", accountId: "v", meal: "lunch", balance: 9_000n, lineKeys: ["sandwich", "cookie"] }],
          wallet: { accountId: "w", balance: 10_000n },
        },
      ],
      walletSplit: "first",
      remainder: { method: "none" },
    });
    expect(split).toEqual({
      ok: true,
      changeDue: 0n,
      legs: [expect.objectContaining({ kind: "voucher", amount: 3_500n }), expect.objectContaining({ kind: "wallet", amount: 2_500n })],
    });
  });

  it("refunds after a restricted split give each tender back exactly what it paid for those lines", async () => {
    const a = await world.employee(23);
    await world.fund(a, 30_000n);
    const grant = await world.lunch(a, { categoryIds: [bakery] });
    const paid = await world.sell({ lines: [await world.line("sandwich"), await world.line("americano", 2)], payer: { employeeId: a } });
    expect(paid.tenders.map((t) => [t.kind, t.amount])).toEqual([
      ["voucher", 5_500n],
      ["wallet", 5_000n],
    ]);
    const lines = await database.sql`select id, name_en from order_lines where order_id = ${paid.orderId} order by line_no`;
    const lineId = (name: string) => String(lines.find((line) => line.name_en === name)?.id);
    const refund = (refundLines: { lineId: string; quantity: number }[]) =>
      database.db.transaction((tx) =>
        refundOrder({ tx, input: { orderId: paid.orderId, storeId: world.cafe.id, lines: refundLines, reason: "test", actorId: world.kiosk.id, now: LUNCHTIME } }),
      );

    // The sandwich was the voucher's: its money goes back to the voucher, not to the wallet (the last tender).
    const sandwich = await refund([{ lineId: lineId("Ham & Cheese Sandwich"), quantity: 1 }]);
    expect(sandwich.tenders).toEqual([{ kind: "voucher", amount: 5_500n, to: "voucher" }]);
    expect(await grantLeft(grant.id)).toBe(9_000n);
    expect(await wallet(a)).toBe(25_000n);

    const americano = await refund([{ lineId: lineId("Americano"), quantity: 1 }]);
    expect(americano.tenders).toEqual([{ kind: "wallet", amount: 2_500n, to: "wallet" }]);
    const rest = await refund([{ lineId: lineId("Americano"), quantity: 1 }]);
    expect(rest.tenders).toEqual([{ kind: "wallet", amount: 2_500n, to: "wallet" }]);
    expect(await wallet(a)).toBe(30_000n);
    expect(rest.status).toBe("refunded");
  });

  it("refunding a line the voucher could not pay for returns to the wallet and leaves the voucher's share", async () => {
    const a = await world.employee(24);
    await world.fund(a, 30_000n);
    const grant = await world.lunch(a, { categoryIds: [bakery] });
    const paid = await world.sell({ lines: [await world.line("americano"), await world.line("cookie")], payer: { employeeId: a } });
    const [line] = await database.sql`select id from order_lines where order_id = ${paid.orderId} and name_en = 'Americano'`;
    const refund = await database.db.transaction((tx) =>
      refundOrder({ tx, input: { orderId: paid.orderId, storeId: world.cafe.id, lines: [{ lineId: String(line?.id), quantity: 1 }], reason: "test", actorId: world.kiosk.id, now: LUNCHTIME } }),
    );
    expect(refund.tenders).toEqual([{ kind: "wallet", amount: 2_500n, to: "wallet" }]);
    expect(await grantLeft(grant.id)).toBe(7_000n);
    const whole = await database.db.transaction((tx) =>
      refundOrder({ tx, input: { orderId: paid.orderId, storeId: world.cafe.id, reason: "test", actorId: world.kiosk.id, now: LUNCHTIME } }),
    );
    expect(whole.tenders).toEqual([{ kind: "voucher", amount: 2_000n, to: "voucher" }]);
    expect(await grantLeft(grant.id)).toBe(9_000n);
    expect(await wallet(a)).toBe(30_000n);
  });

  it("a category change applies from its date: allocations before it keep every category, after it only bakery", async () => {
    const now = new Date("2027-03-10T09:00:00+09:00");
    const { policy, version: first } = await database.db.transaction((tx) =>
      createPolicy({ tx, input: { name: "카테고리 점심", meal: "lunch", terms: weekdayMealTerms(9000, "11:00", "14:00", "2027-03-11"), actorId: hr.id, now } }),
    );
    const { version: second } = await database.db.transaction((tx) =>
      changePolicy({
        tx,
        input: { policyId: policy.id, terms: { ...weekdayMealTerms(9000, "11:00", "14:00", "2027-03-15"), categoryIds: [bakery] }, actorId: hr.id, now },
      }),
    );
    expect(second?.categoryIds).toEqual([bakery]);
    const [unchanged] = await database.db.select().from(voucherPolicyVersions).where(eq(voucherPolicyVersions.id, String(first?.id)));
    expect(unchanged?.categoryIds).toBeNull();

    await database.db.transaction((tx) =>
      executeAllocation({ tx, input: { periodStart: "2027-03-12", periodEnd: "2027-03-15", policyIds: [policy.id], now, actorId: hr.id } }),
    );
    // The 15th is planned at execute; the days come.
    await makeAllDueGrants(database.db, { allDays: true });
    const a = await world.employee(25);
    await world.fund(a, 30_000n);
    const grants = await database.db
      .select({ day: voucherGrants.serviceDate, categoryIds: voucherGrants.categoryIds })
      .from(voucherGrants)
      .where(and(eq(voucherGrants.employeeId, a), eq(voucherGrants.policyId, policy.id)))
      .orderBy(voucherGrants.serviceDate);
    expect(grants).toEqual([
      { day: "2027-03-12", categoryIds: null },
      { day: "2027-03-15", categoryIds: [bakery] },
    ]);

    const lines = [await world.line("sandwich"), await world.line("americano")];
    const friday = await world.sell({ lines, payer: { employeeId: a }, now: new Date("2027-03-12T12:30:00+09:00") });
    expect(friday.payers).toEqual([expect.objectContaining({ voucher: 8_000n, wallet: 0n })]);
    const monday = await world.sell({ lines, payer: { employeeId: a }, now: new Date("2027-03-15T12:30:00+09:00") });
    expect(monday.payers).toEqual([expect.objectContaining({ voucher: 5_500n, wallet: 2_500n })]);
  });

  it("the policy form refuses malformed, unknown, repeated or out-of-store categories with a clear error, saving nothing", async () => {
    const caller = createCaller(createInnerContext({ db: database.db, session: hr }));
    const terms = (categoryIds: unknown, storeIds: string[] | null = null) =>
      ({ ...weekdayMealTerms(9000, "11:00", "14:00", "2099-01-05"), storeIds, categoryIds }) as ReturnType<typeof weekdayMealTerms>;
    const zodMessages = (error: { cause?: unknown }) => (error.cause instanceof ZodError ? error.cause.issues.map((issue) => issue.message) : []);

    const malformed = await trpcFailure(caller.voucherAdmin.createPolicy({ name: "잘못된 분류", meal: "lunch", terms: terms(["retail-goods"]) }));
    expect(malformed.code).toBe("BAD_REQUEST");
    expect(zodMessages(malformed)).toEqual(["categoryUnknown"]);
    const repeated = await trpcFailure(caller.voucherAdmin.createPolicy({ name: "잘못된 분류", meal: "lunch", terms: terms([bakery, bakery]) }));
    expect(zodMessages(repeated)).toEqual(["categoryRepeated"]);
    const empty = await trpcFailure(caller.voucherAdmin.createPolicy({ name: "잘못된 분류", meal: "lunch", terms: terms([]) }));
    expect(zodMessages(empty)).toEqual(["categoriesRequired"]);

    const unknown = await trpcFailure(caller.voucherAdmin.createPolicy({ name: "잘못된 분류", meal: "lunch", terms: terms([crypto.randomUUID()]) }));
    expect(unknown.code).toBe("BAD_REQUEST");
    expect(unknown.cause).toMatchObject({ messageKey: "policyUnknownCategory" });
    const otherStore = await trpcFailure(
      caller.voucherAdmin.createPolicy({ name: "잘못된 분류", meal: "lunch", terms: terms([korean], [world.cafe.id]) }),
    );
    expect(otherStore.cause).toMatchObject({ messageKey: "policyCategoryOtherStore" });
    const [row] = await database.sql`select count(*)::int as n from voucher_policies where name = '잘못된 분류'`;
    expect(row?.n).toBe(0);

    const saved = await caller.voucherAdmin.createPolicy({ name: "음료 식권", meal: "lunch", terms: terms([coffee, korean]) });
    expect(saved.version?.categoryIds).toEqual([coffee, korean]);
    const listed = await caller.voucherAdmin.policies();
    expect(listed.find((policy) => policy.id === saved.policy.id)?.upcoming[0]?.categoryIds).toEqual([coffee, korean]);
  });
});
