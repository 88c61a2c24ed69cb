import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coupons, ledgerEntries, ledgerTransfers, accounts, menuItems, orderLines, stampCards, users } from "@/db/schema";
import { shardedBalance, walletOf } from "@/server/domain/ledger/accounts";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { checkoutOnce } from "@/server/domain/payments/checkout";
import { refundOrder } from "@/server/domain/payments/refund-order";
import { placeOrderAheadOnce } from "@/server/domain/orders/order-ahead";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { errorOf } from "@/test/helpers";
import { LUNCHTIME, moneyWorld } from "@/test/money-fixtures";
import { createPromotion, createStampProgram, loyaltyCostReport } from "./admin";
import { handOutCoupons, myCoupons } from "./coupons";
import { myStamps } from "./stamps";

type World = Awaited<ReturnType<typeof moneyWorld>>;
const DAY = 24 * 60 * 60 * 1000;

describe("stamps, coupons and promotions", () => {
  let database: TestDatabase;
  let world: World;
  let managerId: string;
  const item = async (code: string) => {
    const [row] = await database.db.select().from(menuItems).where(and(eq(menuItems.code, code), eq(menuItems.storeId, world.cafe.id)));
    if (!row) throw new Error(`no ${code}`);
    return row;
  };
  let counter = 0;
  const pay = (input: {
    employeeId: string | null;
    lines: Awaited<ReturnType<World["line"]>>[];
    couponIds?: string[];
    now?: Date;
    card?: boolean;
    offerCoupons?: boolean;
  }) =>
    checkoutOnce(database.db, {
      scope: world.kiosk.id,
      key: `loyalty-${counter++}-${Math.random().toString(36).slice(2)}`,
      input: {
        storeId: world.cafe.id,
        lines: input.lines,
        payers: input.employeeId ? [{ employeeId: input.employeeId }] : [],
        remainder: input.card ? { method: "card", approvalNumber: "T-1" } : { method: "none" },
        actorId: world.kiosk.id,
        now: input.now ?? LUNCHTIME,
        couponIds: input.couponIds,
        offerCoupons: input.offerCoupons,
      },
    });
  const refund = (orderId: string, lines?: { lineId: string; quantity: number }[], now = LUNCHTIME) =>
    database.db.transaction((tx) => refundOrder({ tx, input: { orderId, storeId: world.cafe.id, lines, reason: "test", actorId: managerId, now } }));
  const linesOf = (orderId: string) => database.db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.lineNo);
  const promotion = async (overrides: Partial<Parameters<typeof createPromotion>[0]["input"]>) =>
    database.db.transaction((tx) =>
      createPromotion({
        tx,
        input: {
          nameKo: "할인",
          nameEn: "Discount",
          kind: "percent",
          value: 50n,
          itemIds: [],
          categoryIds: [],
          storeIds: [world.cafe.id],
          startsAt: new Date("2026-11-01T00:00:00+09:00"),
          endsAt: new Date("2026-12-31T00:00:00+09:00"),
          dailyStart: null,
          dailyEnd: null,
          weekdays: [1, 2, 3, 4, 5, 6, 7],
          perPersonDailyLimit: null,
          actorId: managerId,
          now: LUNCHTIME,
          ...overrides,
        },
      }),
    );
  const balanceOf = async (programId: string, userId: string) => {
    const [card] = await database.db.select().from(stampCards).where(and(eq(stampCards.programId, programId), eq(stampCards.userId, userId)));
    return card?.balance ?? 0;
  };
  const couponsOf = (userId: string) => database.db.select().from(coupons).where(eq(coupons.userId, userId)).orderBy(coupons.createdAt);

  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 20 });
    world = await moneyWorld(database.db);
    const [manager] = await database.db.select().from(users).where(eq(users.email, "manager@canteen.dev"));
    if (!manager) throw new Error("no manager");
    managerId = manager.id;
  });
  afterAll(async () => {
    const report = await verifyLedger(database.db);
    expect(report.checks.filter((check) => check.breaches > 0)).toEqual([]);
    await database.close();
  });

  describe("promotions", () => {
    it("rounds a percentage down to the won and books revenue at list price, the discount to promotion expense", async () => {
      const latte = await item("cafe-latte");
      const promo = await promotion({ kind: "percent", value: 33n, itemIds: [latte.id] });
      const employeeId = await world.employee(10);
      await world.fund(employeeId, 50_000n);
      const revenueBefore = await shardedBalance(database.db, "store_revenue", world.cafe.id);
      const result = await pay({ employeeId, lines: [await world.line("cafe-latte", 3)] });
      // 3 × 3,500 = 10,500; 33% = 3,465 exactly. One more won of list price would round down.
      expect(result).toMatchObject({ subtotal: 10_500n, promotionDiscount: 3_465n, total: 7_035n });
      const [line] = await linesOf(result.orderId);
      expect(line).toMatchObject({ unitPrice: 3_500n, lineTotal: 10_500n, promotionId: promo.id, promotionDiscount: 3_465n, netTotal: 7_035n });
      expect((await walletOf(database.db, employeeId))?.balance).toBe(50_000n - 7_035n);
      expect((await shardedBalance(database.db, "store_revenue", world.cafe.id)) - revenueBefore).toBe(10_500n);
      const report = await loyaltyCostReport(database.db, { storeId: world.cafe.id });
      expect(report.promotions.find((row) => row.promotionId === promo.id)?.cost).toBe(3_465n);

      // A partial refund gives back what was paid for those units, not the list price, and reverses their discount.
      const back = await refund(result.orderId, [{ lineId: line!.id, quantity: 1 }]);
      expect(back.amount).toBe(2_345n); // floor(7,035 × 1/3)
      const rest = await refund(result.orderId);
      expect(rest.amount).toBe(7_035n - 2_345n);
      expect((await walletOf(database.db, employeeId))?.balance).toBe(50_000n);
      const after = await loyaltyCostReport(database.db, { storeId: world.cafe.id });
      expect(after.promotions.find((row) => row.promotionId === promo.id)?.cost).toBe(0n);
    });

    it("starts at its start minute and is over at its end minute", async () => {
      const cappuccino = await item("cappuccino");
      await promotion({
        itemIds: [cappuccino.id],
        startsAt: new Date("2026-11-20T12:00:00+09:00"),
        endsAt: new Date("2026-11-20T13:00:00+09:00"),
      });
      const employeeId = await world.employee(11);
      await world.fund(employeeId, 50_000n);
      const totalAt = async (iso: string) => (await pay({ employeeId, lines: [await world.line("cappuccino")], now: new Date(iso) })).total;
      expect(await totalAt("2026-11-20T11:59:59+09:00")).toBe(3_500n);
      expect(await totalAt("2026-11-20T12:00:00+09:00")).toBe(1_750n);
      expect(await totalAt("2026-11-20T12:59:59+09:00")).toBe(1_750n);
      expect(await totalAt("2026-11-20T13:00:00+09:00")).toBe(3_500n);
    });

    it("gives each line the best single promotion, never two stacked", async () => {
      const vanilla = await item("vanilla-latte");
      await promotion({ kind: "percent", value: 10n, itemIds: [vanilla.id] });
      const fixed = await promotion({ kind: "fixed", value: 700n, categoryIds: [vanilla.categoryId], itemIds: [] });
      // Only the coffee category in this store matters here; other coffees are priced by their own tests' promotions.
      const employeeId = await world.employee(12);
      await world.fund(employeeId, 50_000n);
      const result = await pay({ employeeId, lines: [await world.line("vanilla-latte", 2)] });
      const [line] = await linesOf(result.orderId);
      // 10% of 8,000 = 800 (400 a unit) loses to 700 a unit.
      expect(line).toMatchObject({ promotionId: fixed.id, promotionDiscount: 1_400n, netTotal: 6_600n });
      await database.db.execute(sql`update promotions set is_active = false where id = ${fixed.id}`);
    });

    it("holds a per-person daily limit when two kiosks serve the same person at once", async () => {
      const chamomile = await item("chamomile");
      const promo = await promotion({ itemIds: [chamomile.id], perPersonDailyLimit: 1 });
      const employeeId = await world.employee(13);
      await world.fund(employeeId, 50_000n);
      const line = await world.line("chamomile");
      const results = await Promise.all([pay({ employeeId, lines: [line] }), pay({ employeeId, lines: [line] }), pay({ employeeId, lines: [line] })]);
      expect(results.map((result) => result.total).sort()).toEqual([1_500n, 3_000n, 3_000n]);
      // Two in one line: the allowance is spent, so the whole line is at list price.
      const more = await pay({ employeeId, lines: [await world.line("chamomile", 2)] });
      expect(more.total).toBe(6_000n);
      // The next day the allowance is back; a line of 2 splits into 1 discounted + 1 at list price.
      const tomorrow = new Date(LUNCHTIME.getTime() + DAY);
      const next = await pay({ employeeId, lines: [await world.line("chamomile", 2)], now: tomorrow });
      expect(next.total).toBe(4_500n);
      expect((await linesOf(next.orderId)).map((row) => [row.quantity, row.promotionId, row.netTotal])).toEqual([
        [1, promo.id, 1_500n],
        [1, null, 3_000n],
      ]);
      // A refund of the discounted unit gives the allowance back.
      const discounted = results.find((result) => result.total === 1_500n);
      await refund(discounted!.orderId);
      expect((await pay({ employeeId, lines: [line] })).total).toBe(1_500n);
      // A walk-in has nobody to count against: no limited promotion.
      expect((await pay({ employeeId: null, lines: [line], card: true })).total).toBe(3_000n);
    });
  });

  describe("stamps", () => {
    let programId: string;
    beforeAll(async () => {
      const espresso = await item("espresso");
      const program = await database.db.transaction((tx) =>
        createStampProgram({
          tx,
          input: {
            storeId: world.cafe.id,
            nameKo: "에스프레소 스탬프",
            nameEn: "Espresso stamps",
            itemIds: [espresso.id],
            categoryIds: [],
            stampsPerItem: 1,
            stampsPerReward: 10,
            earningTenders: ["wallet", "card", "cash"],
            rewardMaxValue: 2_500n,
            rewardItemIds: [espresso.id],
            rewardCategoryIds: [],
            couponValidDays: 90,
            startsAt: new Date("2026-11-01T00:00:00+09:00"),
            endsAt: null,
            actorId: managerId,
            now: LUNCHTIME,
          },
        }),
      );
      programId = program.id;
    });

    it("earns on payment and issues the reward coupon at exactly 10 stamps, valid 90 days", async () => {
      const employeeId = await world.employee(20);
      await world.fund(employeeId, 100_000n);
      const nine = await pay({ employeeId, lines: [await world.line("espresso", 9), await world.line("americano")] });
      expect(nine.stamps).toEqual([expect.objectContaining({ programId, earned: 9, balance: 9, rewardCouponIds: [] })]);
      expect(await couponsOf(employeeId)).toEqual([]);
      const tenth = await pay({ employeeId, lines: [await world.line("espresso")] });
      expect(tenth.stamps[0]).toMatchObject({ earned: 1, balance: 0 });
      expect(tenth.stamps[0]?.rewardCouponIds).toHaveLength(1);
      const [coupon] = await couponsOf(employeeId);
      expect(coupon).toMatchObject({ source: "reward", status: "active", maxValue: 2_500n, programId });
      expect(coupon!.expiresAt.getTime() - LUNCHTIME.getTime()).toBe(90 * DAY);
      const mine = await myStamps(database.db, { userId: employeeId });
      expect(mine.cards.find((card) => card.programId === programId)?.balance).toBe(0);
      expect(mine.history.map((event) => event.kind).sort()).toEqual(["earn", "earn", "reward"]);
    });

    it("does not earn on what a meal voucher paid", async () => {
      const employeeId = await world.employee(21);
      await world.lunch(employeeId);
      await world.fund(employeeId, 10_000n);
      const byVoucher = await pay({ employeeId, lines: [await world.line("espresso", 2)] });
      expect(byVoucher.stamps).toEqual([]);
      // Six espressos, 12,000: the voucher's last 5,000, the wallet 7,000 → floor(6 × 7,000 / 12,000) = 3 stamps.
      const mixed = await pay({ employeeId, lines: [await world.line("espresso", 6)] });
      expect(mixed.tenders).toEqual([expect.objectContaining({ kind: "voucher", amount: 5_000n }), { kind: "wallet", amount: 7_000n }]);
      expect(mixed.stamps[0]?.earned).toBe(3);
    });

    it("takes stamps back on partial and full refunds, proportionally to the refunded lines", async () => {
      const employeeId = await world.employee(22);
      await world.fund(employeeId, 100_000n);
      const order = await pay({ employeeId, lines: [await world.line("espresso", 3), await world.line("americano")] });
      expect(await balanceOf(programId, employeeId)).toBe(3);
      const [espressoLine, americanoLine] = await linesOf(order.orderId);
      await refund(order.orderId, [{ lineId: americanoLine!.id, quantity: 1 }]);
      expect(await balanceOf(programId, employeeId)).toBe(3);
      await refund(order.orderId, [{ lineId: espressoLine!.id, quantity: 1 }]);
      expect(await balanceOf(programId, employeeId)).toBe(2);
      await refund(order.orderId);
      expect(await balanceOf(programId, employeeId)).toBe(0);
    });

    it("revokes an unused reward coupon when its stamps are taken back", async () => {
      const employeeId = await world.employee(23);
      await world.fund(employeeId, 100_000n);
      await pay({ employeeId, lines: [await world.line("espresso", 9)] });
      const tenth = await pay({ employeeId, lines: [await world.line("espresso")] });
      expect((await couponsOf(employeeId))[0]?.status).toBe("active");
      await refund(tenth.orderId);
      expect((await couponsOf(employeeId))[0]?.status).toBe("revoked");
      expect(await balanceOf(programId, employeeId)).toBe(9);
    });

    it("survives one person's concurrent payments, coupon redemptions and refunds without deadlock, the books exact", async () => {
      const employeeId = await world.employee(25);
      await world.fund(employeeId, 500_000n);
      const first = await pay({ employeeId, lines: [await world.line("espresso", 20)] });
      const rewards = (await couponsOf(employeeId)).filter((coupon) => coupon.status === "active");
      expect(rewards).toHaveLength(2);
      const espresso = await world.line("espresso", 3);
      const outcomes = await Promise.allSettled([
        refund(first.orderId, [{ lineId: (await linesOf(first.orderId))[0]!.id, quantity: 5 }]),
        ...rewards.map((coupon) => pay({ employeeId, lines: [espresso], couponIds: [coupon.id] })),
        ...Array.from({ length: 6 }, () => pay({ employeeId, lines: [espresso] })),
        refund(first.orderId, [{ lineId: (await linesOf(first.orderId))[0]!.id, quantity: 5 }]),
      ]);
      // A reward revoked by a refund before its redemption fails as such; nothing else may fail.
      const failures = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as { messageKey?: string }] : []));
      expect(failures.every((failure) => failure.messageKey === "couponRevoked")).toBe(true);
      const card = await balanceOf(programId, employeeId);
      const [{ total }] = (await database.db.execute(
        sql`select coalesce(sum(stamps), 0)::int as total from stamp_events where user_id = ${employeeId} and program_id = ${programId}`,
      )) as unknown as [{ total: number }];
      expect(card).toBe(total);
      const report = await verifyLedger(database.db);
      expect(report.checks.filter((check) => check.breaches > 0)).toEqual([]);
    });

    it("lets the balance go negative when the reward was used, and earns it back first", async () => {
      const employeeId = await world.employee(24);
      await world.fund(employeeId, 100_000n);
      const ten = await pay({ employeeId, lines: [await world.line("espresso", 10)] });
      const [reward] = await couponsOf(employeeId);
      const free = await pay({ employeeId, lines: [await world.line("espresso")], couponIds: [reward!.id] });
      expect(free).toMatchObject({ total: 0n, couponDiscount: 2_000n, stamps: [] });
      await refund(ten.orderId);
      expect(await balanceOf(programId, employeeId)).toBe(-10);
      await pay({ employeeId, lines: [await world.line("espresso", 4)] });
      expect(await balanceOf(programId, employeeId)).toBe(-6);
      const history = await myStamps(database.db, { userId: employeeId });
      expect(history.history.map((event) => event.kind)).toContain("take_back");
    });
  });

  describe("coupons", () => {
    const handout = async (employeeId: string, overrides: Partial<Parameters<typeof handOutCoupons>[0]["input"]> = {}) =>
      database.db.transaction((tx) =>
        handOutCoupons({
          tx,
          input: {
            target: { kind: "employee", userId: employeeId },
            reason: "welcome",
            nameKo: "음료 쿠폰",
            nameEn: "Drink coupon",
            maxValue: 4_000n,
            storeId: world.cafe.id,
            expiresAt: new Date(LUNCHTIME.getTime() + 7 * DAY),
            actorId: managerId,
            now: LUNCHTIME,
            ...overrides,
          },
        }),
      );

    it("is used once when two kiosks redeem it at the same moment", async () => {
      const employeeId = await world.employee(30);
      await world.fund(employeeId, 100_000n);
      await handout(employeeId);
      const [coupon] = await couponsOf(employeeId);
      const line = await world.line("earl-grey");
      const attempts = await Promise.allSettled([
        pay({ employeeId, lines: [line], couponIds: [coupon!.id] }),
        pay({ employeeId, lines: [line], couponIds: [coupon!.id] }),
      ]);
      const won = attempts.filter((attempt) => attempt.status === "fulfilled");
      const lost = attempts.filter((attempt) => attempt.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost.map((attempt) => (attempt as PromiseRejectedResult).reason)).toEqual([expect.objectContaining({ messageKey: "couponUsed" })]);
      expect((await walletOf(database.db, employeeId))?.balance).toBe(100_000n);
      expect(await shardedBalance(database.db, "coupon_expense", null)).toBeLessThan(0n);
    });

    it("is offered before paying: the first try with a pay code pays nothing while coupons fit the cart", async () => {
      const employeeId = await world.employee(34);
      await world.fund(employeeId, 100_000n);
      await handout(employeeId);
      const offered = await errorOf(pay({ employeeId, lines: [await world.line("earl-grey")], offerCoupons: true }));
      expect(offered).toMatchObject({ messageKey: "couponsAvailable", details: { count: 1 } });
      expect((await walletOf(database.db, employeeId))?.balance).toBe(100_000n);
      // Declined ("pay without"): the second try pays in full and the coupon stays.
      const full = await pay({ employeeId, lines: [await world.line("earl-grey")] });
      expect(full.total).toBe(3_000n);
      expect((await couponsOf(employeeId))[0]?.status).toBe("active");
    });

    it("expires at its expiry instant", async () => {
      const employeeId = await world.employee(31);
      await world.fund(employeeId, 100_000n);
      await handout(employeeId);
      const [coupon] = await couponsOf(employeeId);
      const expiry = coupon!.expiresAt;
      const late = await errorOf(pay({ employeeId, lines: [await world.line("earl-grey")], couponIds: [coupon!.id], now: expiry }));
      expect(late).toMatchObject({ messageKey: "couponExpired" });
      expect((await myCoupons(database.db, { userId: employeeId, now: expiry })).usable).toEqual([]);
      const justInTime = await pay({ employeeId, lines: [await world.line("earl-grey")], couponIds: [coupon!.id], now: new Date(expiry.getTime() - 1000) });
      expect(justInTime.total).toBe(0n);
    });

    it("comes after the promotion on the same line, and a refund gives it back while still valid", async () => {
      const coldBrew = await item("cold-brew");
      const promo = await promotion({ itemIds: [coldBrew.id] });
      const employeeId = await world.employee(32);
      await world.fund(employeeId, 100_000n);
      await handout(employeeId, { maxValue: 1_500n });
      const [coupon] = await couponsOf(employeeId);
      const result = await pay({ employeeId, lines: [await world.line("cold-brew", 2)], couponIds: [coupon!.id] });
      // 2 × 4,000 = 8,000; 50% off each → 2,000 + 2,000; the coupon takes 1,500 of one.
      expect(result).toMatchObject({ subtotal: 8_000n, promotionDiscount: 4_000n, couponDiscount: 1_500n, total: 2_500n });
      const lines = await linesOf(result.orderId);
      expect(lines.map((line) => [line.quantity, line.promotionId, line.promotionDiscount, line.couponId, line.couponDiscount, line.netTotal])).toEqual([
        [1, promo.id, 2_000n, coupon!.id, 1_500n, 500n],
        [1, promo.id, 2_000n, null, 0n, 2_000n],
      ]);
      const transfers = await database.db
        .select({ promotionId: ledgerTransfers.promotionId, couponId: ledgerTransfers.couponId, kind: accounts.kind, amount: ledgerEntries.amount })
        .from(ledgerTransfers)
        .innerJoin(ledgerEntries, eq(ledgerEntries.transferId, ledgerTransfers.id))
        .innerJoin(accounts, eq(accounts.id, ledgerEntries.accountId))
        .where(and(eq(ledgerTransfers.orderId, result.orderId), sql`${accounts.kind} in ('promotion_expense', 'coupon_expense')`));
      expect(transfers).toEqual(
        expect.arrayContaining([
          { promotionId: promo.id, couponId: null, kind: "promotion_expense", amount: -4_000n },
          { promotionId: null, couponId: coupon!.id, kind: "coupon_expense", amount: -1_500n },
        ]),
      );
      // Refund the coupon line: 500 back to the wallet, the coupon usable again.
      const back = await refund(result.orderId, [{ lineId: lines[0]!.id, quantity: 1 }]);
      expect(back.amount).toBe(500n);
      expect((await couponsOf(employeeId))[0]).toMatchObject({ status: "active", usedOrderId: null });

      // Used again, then refunded after it expired: it stays used.
      const again = await pay({ employeeId, lines: [await world.line("cold-brew")], couponIds: [coupon!.id] });
      await refund(again.orderId, undefined, new Date(coupon!.expiresAt.getTime() + 1000));
      expect((await couponsOf(employeeId))[0]).toMatchObject({ status: "used" });
    });

    it("hands coupons to a department with a reason, audited, and refuses someone else's coupon", async () => {
      const [row] = await database.db.execute(sql`select department_id from users where email = 'employee05@canteen.dev'`);
      const departmentId = (row as { department_id: string }).department_id;
      const done = await database.db.transaction((tx) =>
        handOutCoupons({
          tx,
          input: {
            target: { kind: "department", departmentId },
            reason: "팀 행사",
            nameKo: "팀 쿠폰",
            nameEn: "Team coupon",
            maxValue: 3_000n,
            storeId: null,
            expiresAt: new Date(LUNCHTIME.getTime() + DAY),
            actorId: managerId,
            now: LUNCHTIME,
          },
        }),
      );
      const [count] = await database.db.execute(sql`select count(*)::int as n from users where department_id = ${departmentId} and role = 'employee' and status = 'active'`);
      expect(done.count).toBe((count as { n: number }).n);
      const [audit] = await database.db.execute(sql`select action from audit_log where entity_id = ${done.handoutId}`);
      expect(audit).toMatchObject({ action: "coupon.handout" });
      const stranger = await world.employee(40);
      const [theirs] = await database.db
        .select()
        .from(coupons)
        .where(and(eq(coupons.handoutId, done.handoutId), sql`${coupons.userId} <> ${stranger}`))
        .limit(1);
      const error = await errorOf(pay({ employeeId: stranger, lines: [await world.line("earl-grey")], couponIds: [theirs!.id] }));
      expect(error).toMatchObject({ messageKey: "couponNotFound" });
    });

    it("is applied in order ahead too", async () => {
      const employeeId = await world.employee(33);
      await world.fund(employeeId, 100_000n);
      await handout(employeeId);
      const [coupon] = await couponsOf(employeeId);
      const result = await placeOrderAheadOnce(database.db, {
        key: `ahead-${Math.random().toString(36).slice(2)}`,
        input: { employeeId, storeId: world.cafe.id, lines: [await world.line("earl-grey"), await world.line("scone")], now: LUNCHTIME, couponIds: [coupon!.id] },
      });
      expect(result).toMatchObject({ couponDiscount: 3_000n, total: 3_000n });
      expect((await couponsOf(employeeId))[0]?.status).toBe("used");
    });
  });
});
