import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { refundOrder } from "@/server/domain/payments/refund-order";
import type { PaymentResult } from "@/server/domain/payments/pay-order";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { errorOf } from "@/test/helpers";
import { LUNCHTIME, moneyWorld } from "@/test/money-fixtures";
import { DomainError } from "../errors";
import { seoulMonthOf, seoulMonthRange, shiftMonth } from "./month";
import { listPurchases, purchaseReceipt, purchasesPageQuery, type Purchase } from "./purchases";
import { voucherUse, voucherUseQuery } from "./voucher-use";

type World = Awaited<ReturnType<typeof moneyWorld>>;

describe("an employee's purchase history", () => {
  let database: TestDatabase;
  let world: World;
  const people: Record<"solo" | "first" | "second" | "voucherFriend" | "boundary" | "stranger", string> = {
    solo: "",
    first: "",
    second: "",
    voucherFriend: "",
    boundary: "",
    stranger: "",
  };
  let soloSale: PaymentResult;
  let groupSale: PaymentResult;
  let voucherGroupSale: PaymentResult;
  let walkIn: PaymentResult;
  let octoberSale: PaymentResult;
  let novemberSale: PaymentResult;

  const list = (employeeId: string, month?: string, limit = 20, cursor?: string) =>
    listPurchases({ tx: database.db, input: { employeeId, month, limit, cursor } });
  const receipt = (employeeId: string, orderId: string) => purchaseReceipt({ tx: database.db, input: { employeeId, orderId } });
  const refund = (orderId: string, lines: { lineId: string; quantity: number }[], now: Date) =>
    database.db.transaction((tx) =>
      refundOrder({ tx, input: { orderId, storeId: world.cafe.id, lines, reason: "주문 실수", actorId: world.kiosk.id, now } }),
    );
  const lineOf = (purchase: Purchase, nameKo: string) => {
    const line = purchase.lines.find((candidate) => candidate.nameKo === nameKo);
    if (!line) throw new Error(`no line ${nameKo}`);
    return line;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    people.solo = await world.employee(21);
    people.first = await world.employee(22);
    people.second = await world.employee(23);
    people.voucherFriend = await world.employee(24);
    people.boundary = await world.employee(25);
    people.stranger = await world.employee(26);
    for (const id of [people.solo, people.first, people.second, people.boundary]) await world.fund(id, 30_000n);
    await world.lunch(people.solo);
    await world.lunch(people.first);
    await world.lunch(people.voucherFriend);

    // Iced large americano 3,000 + sandwich 5,500 + cookie 2,000 = 10,500: voucher 9,000, wallet 1,500.
    soloSale = await world.sell({
      lines: [await world.line("americano", 1, ["iced", "large"]), await world.line("sandwich"), await world.line("cookie")],
      payer: { employeeId: people.solo },
    });
    // 3 sandwiches + an americano = 19,000: first's voucher 9,000, then 5,000 from each wallet.
    groupSale = await world.sell({
      lines: [await world.line("sandwich", 3), await world.line("americano")],
      payer: null,
      payers: [{ employeeId: people.first }, { employeeId: people.second }],
      walletSplit: "even",
      now: new Date(LUNCHTIME.getTime() + 60_000),
    });
    // The second person pays with a voucher only: 9,000 of 10,500, the first person's wallet the rest.
    voucherGroupSale = await world.sell({
      lines: [await world.line("sandwich"), await world.line("cookie"), await world.line("americano", 1, ["iced", "large"])],
      payer: null,
      payers: [{ employeeId: people.first }, { employeeId: people.voucherFriend }],
      walletSplit: "first",
      now: new Date(LUNCHTIME.getTime() + 120_000),
    });
    walkIn = await world.sell({ lines: [await world.line("cookie")], payer: null, remainder: { method: "cash", tendered: 5_000n } });

    // 23:30 on Saturday 31 October in Seoul (14:30 UTC): still October there. A voucher for that evening pays.
    await world.lunch(people.boundary, {
      validFrom: new Date("2026-10-31T00:00:00+09:00"),
      validUntil: new Date("2026-11-01T00:00:00+09:00"),
      windowStart: null,
      windowEnd: null,
      weekdays: null,
    });
    octoberSale = await world.sell({
      lines: [await world.line("americano")],
      payer: { employeeId: people.boundary },
      now: new Date("2026-10-31T23:30:00+09:00"),
    });
    // Forty minutes later it is November in Seoul (still 31 October in UTC); the voucher is over, the wallet pays.
    novemberSale = await world.sell({
      lines: [await world.line("scone")],
      payer: { employeeId: people.boundary },
      now: new Date("2026-11-01T00:10:00+09:00"),
    });
  });
  afterAll(async () => {
    expect((await verifyLedger(database.db)).ok).toBe(true);
    await database.close();
  });

  it("shows every line with its options, the store, the pickup number and what each tender paid", async () => {
    const { purchases, nextCursor } = await list(people.solo, "2026-11");
    expect(nextCursor).toBeNull();
    expect(purchases).toHaveLength(1);
    const [purchase] = purchases as [Purchase];
    expect(purchase).toMatchObject({
      id: soloSale.orderId,
      storeKo: "본사 카페",
      storeEn: "HQ Cafe",
      pickupNumber: soloSale.pickupNumber,
      status: "paid",
      subtotal: 10_500n,
      discount: 0n,
      total: 10_500n,
      payerCount: 1,
      myPaid: 10_500n,
      othersPaid: 0n,
      myRefunded: 0n,
      refunds: [],
    });
    expect(purchase.createdAt).toEqual(LUNCHTIME);
    expect(purchase.lines.map((line) => [line.nameKo, line.nameEn, line.quantity, line.unitPrice, line.lineTotal])).toEqual([
      ["아메리카노", "Americano", 1, 3_000n, 3_000n],
      ["햄치즈 샌드위치", "Ham & Cheese Sandwich", 1, 5_500n, 5_500n],
      ["초코칩 쿠키", "Chocolate Chip Cookie", 1, 2_000n, 2_000n],
    ]);
    expect(lineOf(purchase, "아메리카노").options).toEqual([
      { nameKo: "차갑게", nameEn: "Iced", priceDelta: 0n },
      { nameKo: "라지", nameEn: "Large", priceDelta: 500n },
    ]);
    expect(purchase.tenders).toEqual([
      { kind: "voucher", meal: "lunch", amount: 9_000n, refundedAmount: 0n, approvalNumber: null, cashTendered: null },
      { kind: "wallet", meal: null, amount: 1_500n, refundedAmount: 0n, approvalNumber: null, cashTendered: null },
    ]);
    expect(await receipt(people.solo, soloSale.orderId)).toEqual(purchase);
  });

  it("a group payment shows the whole order but only my share, whether I scanned first or second", async () => {
    const second = await receipt(people.second, groupSale.orderId);
    expect(second.lines.map((line) => [line.nameKo, line.quantity])).toEqual([
      ["햄치즈 샌드위치", 3],
      ["아메리카노", 1],
    ]);
    expect(second).toMatchObject({ total: 19_000n, payerCount: 2, myPaid: 5_000n, othersPaid: 14_000n });
    expect(second.tenders.map((tender) => [tender.kind, tender.amount])).toEqual([["wallet", 5_000n]]);

    const first = await receipt(people.first, groupSale.orderId);
    expect(first).toMatchObject({ payerCount: 2, myPaid: 14_000n, othersPaid: 5_000n });
    expect(first.tenders.map((tender) => [tender.kind, tender.meal, tender.amount])).toEqual([
      ["voucher", "lunch", 9_000n],
      ["wallet", null, 5_000n],
    ]);

    // Found in the list too: by the wallet's payment leg for the second payer, by the voucher for the other.
    expect((await list(people.second, "2026-11")).purchases.map((p) => p.id)).toEqual([groupSale.orderId]);
    const friend = (await list(people.voucherFriend, "2026-11")).purchases;
    expect(friend.map((p) => [p.id, p.myPaid, p.othersPaid])).toEqual([[voucherGroupSale.orderId, 9_000n, 1_500n]]);
    expect(friend[0]?.tenders.map((tender) => [tender.kind, tender.meal, tender.amount])).toEqual([["voucher", "lunch", 9_000n]]);
    expect((await list(people.first, "2026-11")).purchases.map((p) => p.id)).toEqual([voucherGroupSale.orderId, groupSale.orderId]);
  });

  it("never shows another person's order: it is simply not found", async () => {
    for (const [employeeId, orderId] of [
      [people.stranger, soloSale.orderId],
      [people.solo, groupSale.orderId],
      [people.second, voucherGroupSale.orderId],
      [people.solo, walkIn.orderId],
    ] as const) {
      const error = await errorOf(receipt(employeeId, orderId));
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "NOT_FOUND", messageKey: "orderNotFound" });
    }
    const unknown = await errorOf(receipt(people.solo, crypto.randomUUID()));
    expect(unknown).toMatchObject({ code: "NOT_FOUND", messageKey: "orderNotFound" });
    expect((await list(people.stranger)).purchases).toEqual([]);
  });

  it("counts an order at 23:30 on the 31st in Seoul in that month, and one 40 minutes later in the next", async () => {
    expect(seoulMonthOf(new Date("2026-10-31T23:30:00+09:00"))).toBe("2026-10");
    expect((await list(people.boundary, "2026-10")).purchases.map((p) => p.id)).toEqual([octoberSale.orderId]);
    expect((await list(people.boundary, "2026-11")).purchases.map((p) => p.id)).toEqual([novemberSale.orderId]);
    expect((await list(people.boundary, "2026-09")).purchases).toEqual([]);

    expect(await voucherUse({ tx: database.db, input: { employeeId: people.boundary, month: "2026-10" } })).toEqual({
      month: "2026-10",
      total: 2_500n,
      days: 1,
      meals: [
        { meal: "breakfast", amount: 0n, days: 0 },
        { meal: "lunch", amount: 2_500n, days: 1 },
        { meal: "dinner", amount: 0n, days: 0 },
      ],
    });
    expect((await voucherUse({ tx: database.db, input: { employeeId: people.boundary, month: "2026-11" } })).total).toBe(0n);
  });

  it("pages newest first with a cursor, without repeats or gaps", async () => {
    const first = await list(people.boundary, undefined, 1);
    expect(first.purchases.map((p) => p.id)).toEqual([novemberSale.orderId]);
    expect(first.nextCursor).toMatch(/^2026-10-31T15:10:00\.000000Z~/);
    const second = await list(people.boundary, undefined, 1, first.nextCursor ?? undefined);
    expect(second.purchases.map((p) => p.id)).toEqual([octoberSale.orderId]);
    expect(second.nextCursor).toBeNull();

    const bad = await errorOf(list(people.boundary, undefined, 1, "2026-10-31~nope"));
    expect(bad).toMatchObject({ code: "BAD_REQUEST", messageKey: "historyCursorInvalid" });
  });

  it("shows a refund: when, which line, and what went back to which tender", async () => {
    const before = await receipt(people.solo, soloSale.orderId);
    const refundedAt = new Date(LUNCHTIME.getTime() + 10 * 60_000);
    await refund(soloSale.orderId, [{ lineId: lineOf(before, "초코칩 쿠키").id, quantity: 1 }], refundedAt);

    const after = await receipt(people.solo, soloSale.orderId);
    expect(after).toMatchObject({ status: "partially_refunded", refundedAmount: 2_000n, myRefunded: 2_000n });
    expect(lineOf(after, "초코칩 쿠키").refundedQuantity).toBe(1);
    expect(after.refunds).toHaveLength(1);
    expect(after.refunds[0]).toMatchObject({
      createdAt: refundedAt,
      amount: 2_000n,
      reason: "주문 실수",
      lines: [{ nameKo: "초코칩 쿠키", nameEn: "Chocolate Chip Cookie", quantity: 1, amount: 2_000n }],
      // The last tender first: the wallet's 1,500, then 500 of the voucher, still valid, back to it.
      tenders: [
        { kind: "wallet", amount: 1_500n, to: "wallet" },
        { kind: "voucher", amount: 500n, to: "voucher" },
      ],
    });
    expect(after.tenders.map((tender) => [tender.kind, tender.refundedAmount])).toEqual([
      ["voucher", 500n],
      ["wallet", 1_500n],
    ]);
    // Voucher use is net of what went back.
    const use = await voucherUse({ tx: database.db, input: { employeeId: people.solo, month: "2026-11" } });
    expect(use).toMatchObject({ total: 8_500n, days: 1 });
    expect(use.meals.find((entry) => entry.meal === "lunch")).toEqual({ meal: "lunch", amount: 8_500n, days: 1 });
  });

  it("in a group, a refund shows what went back to me, not where the others' money went", async () => {
    const before = await receipt(people.second, groupSale.orderId);
    await refund(groupSale.orderId, [{ lineId: lineOf(before, "햄치즈 샌드위치").id, quantity: 1 }], new Date());
    // 5,500 back, the last tender first: the second person's wallet 5,000, then 500 of the first person's.
    const second = await receipt(people.second, groupSale.orderId);
    expect(second).toMatchObject({ status: "partially_refunded", refundedAmount: 5_500n, myRefunded: 5_000n });
    expect(second.refunds.map((entry) => [entry.amount, entry.tenders])).toEqual([[5_500n, null]]);
    expect(second.refunds[0]?.lines.map((line) => [line.nameKo, line.quantity])).toEqual([["햄치즈 샌드위치", 1]]);
    expect((await receipt(people.first, groupSale.orderId)).myRefunded).toBe(500n);
  });

  it("reaches every table through an index, so a year of orders stays fast", async () => {
    const plans = await database.db.transaction(async (tx) => {
      // With sequential scans priced out, any table still scanned whole has no usable index.
      await tx.execute(sql`set local enable_seqscan = off`);
      const explain = async (query: ReturnType<typeof sql>) => {
        const rows = (await tx.execute(sql`explain ${query}`)) as unknown as Record<string, string>[];
        return rows.map((row) => Object.values(row)[0]).join("\n");
      };
      const range = seoulMonthRange("2026-11");
      return [
        await explain(purchasesPageQuery({ employeeId: people.first, range, cursor: null, limit: 20 })),
        await explain(
          purchasesPageQuery({
            employeeId: people.first,
            range: null,
            cursor: { at: "2026-11-25T03:31:00.000000Z", id: groupSale.orderId },
            limit: 20,
          }),
        ),
        await explain(voucherUseQuery(people.first, range)),
      ];
    });
    for (const plan of plans) {
      expect(plan).not.toMatch(/Seq Scan/);
      // Orders are only ever reached by the employee (orders_payer_idx) or by id, never by date alone.
      for (const [, index] of plan.matchAll(/Index (?:Only )?Scan(?: Backward)? using (\w+) on orders\b/g)) {
        expect(["orders_pkey", "orders_payer_idx"]).toContain(index);
      }
      expect(plan).not.toMatch(/Bitmap Index Scan on orders_store_status_idx/);
    }
  });

  it("knows Seoul months", () => {
    expect(seoulMonthRange("2026-12")).toEqual({
      from: new Date("2026-11-30T15:00:00Z"),
      to: new Date("2026-12-31T15:00:00Z"),
    });
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(() => seoulMonthRange("2026-13")).toThrow();
  });
});

describe("an employee with a year of orders, among a busy company's", () => {
  let database: TestDatabase;
  let me: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const world = await moneyWorld(database.db);
    me = await world.employee(40);
    // Two orders a day for a year for this employee, and two a day for 49 colleagues: ~36,000 orders.
    await database.sql`
      with people as (
        select id, row_number() over (order by email) as no from users where role = 'employee' limit 50
      ), slots as (
        select p.id as payer, p.no, d, k,
               timestamptz '2025-12-01 03:00:00+00' + d * interval '1 day' + k * interval '5 hours' + p.no * interval '1 second' as at
          from people p, generate_series(0, 364) d, generate_series(0, 1) k
      )
      insert into orders (store_id, business_date, pickup_number, status, source, payer_id, subtotal, total, created_at, paid_at, updated_at)
      select ${world.cafe.id}, (at at time zone 'Asia/Seoul')::date, (no * 2 + k)::int, 'picked_up', 'kiosk', payer, 4500, 4500, at, at, at
        from slots`;
    await database.sql`
      insert into order_lines (order_id, line_no, menu_item_id, name_ko, name_en, options, unit_price, quantity, line_total)
      select o.id, 1, i.id, i.name_ko, i.name_en, '[]'::jsonb, 4500, 1, 4500
        from orders o, (select id, name_ko, name_en from menu_items where code = 'americano' and store_id = ${world.cafe.id}) i
       where o.payer_id = ${me}`;
    await database.sql`analyze`;
  });
  afterAll(async () => {
    await database.close();
  });

  /** The best of a few runs, so a busy machine's hiccup is not counted. */
  async function fastest(run: () => Promise<unknown>) {
    await run();
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await run();
      best = Math.min(best, performance.now() - started);
    }
    return best;
  }

  it("answers a month, a page of all months and the voucher use in well under 100 ms", async () => {
    const month = await listPurchases({ tx: database.db, input: { employeeId: me, month: "2026-03", limit: 20 } });
    expect(month.purchases).toHaveLength(20);
    expect(month.purchases.every((purchase) => seoulMonthOf(purchase.createdAt) === "2026-03")).toBe(true);
    let cursor = month.nextCursor;
    let count = month.purchases.length;
    while (cursor) {
      const next = await listPurchases({ tx: database.db, input: { employeeId: me, month: "2026-03", limit: 20, cursor } });
      count += next.purchases.length;
      cursor = next.nextCursor;
    }
    expect(count).toBe(62);

    const timings = {
      month: await fastest(() => listPurchases({ tx: database.db, input: { employeeId: me, month: "2026-03", limit: 20 } })),
      allMonths: await fastest(() => listPurchases({ tx: database.db, input: { employeeId: me, limit: 20 } })),
      voucherUse: await fastest(() => voucherUse({ tx: database.db, input: { employeeId: me, month: "2026-03" } })),
    };
    for (const [name, ms] of Object.entries(timings)) expect(ms, name).toBeLessThan(100);
  });
});
