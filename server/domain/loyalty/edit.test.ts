import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, coupons, menuItems, orderLines, promotions, stampCards, stampPrograms, users } from "@/db/schema";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { checkoutOnce } from "@/server/domain/payments/checkout";
import { refundOrder } from "@/server/domain/payments/refund-order";
import { quoteCart } from "@/server/domain/pricing/quote";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { errorOf } from "@/test/helpers";
import { LUNCHTIME, moneyWorld } from "@/test/money-fixtures";
import { createPromotion, createStampProgram, loyaltyCostReport, updatePromotion, updateStampProgram } from "./admin";
import { myStamps } from "./stamps";

type World = Awaited<ReturnType<typeof moneyWorld>>;
type PromotionUpdate = Parameters<typeof updatePromotion>[0]["input"];
type ProgramUpdate = Parameters<typeof updateStampProgram>[0]["input"];

describe("editing promotions and stamp programs", () => {
  let database: TestDatabase;
  let world: World;
  let managerId: string;
  const item = async (code: string, storeId = world.cafe.id) => {
    const [row] = await database.db.select().from(menuItems).where(and(eq(menuItems.code, code), eq(menuItems.storeId, storeId)));
    if (!row) throw new Error(`no ${code}`);
    return row;
  };
  let counter = 0;
  const pay = async (employeeId: string, code: string, quantity: number) =>
    checkoutOnce(database.db, {
      scope: world.kiosk.id,
      key: `edit-${counter++}`,
      input: {
        storeId: world.cafe.id,
        lines: [await world.line(code, quantity)],
        payers: [{ employeeId }],
        remainder: { method: "none" },
        actorId: world.kiosk.id,
        now: LUNCHTIME,
      },
    });
  const refund = (orderId: string) =>
    database.db.transaction((tx) => refundOrder({ tx, input: { orderId, storeId: world.cafe.id, reason: "test", actorId: managerId, now: LUNCHTIME } }));
  const auditOf = (entityId: string, action: string) =>
    database.db.select().from(auditLog).where(and(eq(auditLog.entityId, entityId), eq(auditLog.action, action))).orderBy(desc(auditLog.createdAt));
  const balanceOf = async (programId: string, userId: string) => {
    const [card] = await database.db.select().from(stampCards).where(and(eq(stampCards.programId, programId), eq(stampCards.userId, userId)));
    return card?.balance ?? 0;
  };

  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 10 });
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

  describe("a promotion", () => {
    let promotionId: string;
    let croissantId: string;
    const edit = (overrides: Partial<PromotionUpdate>) =>
      database.db.transaction((tx) =>
        updatePromotion({
          tx,
          input: {
            promotionId,
            storeId: world.cafe.id,
            nameKo: "크루아상 할인",
            nameEn: "Croissant off",
            kind: "percent",
            value: 50n,
            itemIds: [croissantId],
            categoryIds: [],
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
    const stored = async () => {
      const [row] = await database.db.select().from(promotions).where(eq(promotions.id, promotionId));
      return row;
    };
    const quote = () =>
      quoteCart({ tx: database.db, input: { storeId: world.cafe.id, lines: [{ itemId: croissantId, quantity: 1, optionIds: [] }], payerId: null, couponIds: [], now: LUNCHTIME } });

    beforeAll(async () => {
      croissantId = (await item("croissant")).id;
      const created = await database.db.transaction((tx) =>
        createPromotion({
          tx,
          input: {
            nameKo: "크루아상 20%",
            nameEn: "Croissant 20%",
            kind: "percent",
            value: 20n,
            itemIds: [croissantId],
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
          },
        }),
      );
      promotionId = created.id;
    });

    it("prices the next cart at the new value at once; the order already paid keeps its discount and its cost", async () => {
      const employeeId = await world.employee(30);
      await world.fund(employeeId, 20_000n);
      const before = await pay(employeeId, "croissant", 1);
      expect(before).toMatchObject({ subtotal: 3_200n, promotionDiscount: 640n, total: 2_560n });
      expect((await quote()).promotionDiscount).toBe(640n);

      const after = await edit({ value: 50n, nameKo: "크루아상 반값", nameEn: "Half-price croissant" });
      expect(after).toMatchObject({ value: 50n, nameKo: "크루아상 반값", storeIds: [world.cafe.id], isActive: true });
      expect(await quote()).toMatchObject({ promotionDiscount: 1_600n, total: 1_600n });

      const [line] = await database.db.select().from(orderLines).where(eq(orderLines.orderId, before.orderId));
      expect(line).toMatchObject({ promotionId, promotionDiscount: 640n, netTotal: 2_560n });
      const report = await loyaltyCostReport(database.db, { storeId: world.cafe.id });
      expect(report.promotions.find((row) => row.promotionId === promotionId)?.cost).toBe(640n);
      // A refund after the edit gives back what was paid, not a price at the new discount.
      expect((await refund(before.orderId)).amount).toBe(2_560n);

      const [audit] = await auditOf(promotionId, "promotion.update");
      expect(audit).toMatchObject({ actorId: managerId, entityType: "promotion" });
      expect(audit?.before).toMatchObject({ nameKo: "크루아상 20%" });
      expect(audit?.after).toMatchObject({ nameKo: "크루아상 반값" });
      expect(String((audit?.before as { value: unknown }).value)).toBe("20");
      expect(String((audit?.after as { value: unknown }).value)).toBe("50");
    });

    it("refuses what create refuses, with the same messages, and changes nothing", async () => {
      const before = await stored();
      const cafeteriaItem = (await database.db.select().from(menuItems).where(eq(menuItems.storeId, world.cafeteria.id)).limit(1))[0];
      const refusals: [Partial<PromotionUpdate>, string][] = [
        [{ value: 150n }, "promotionPercentRange"],
        [{ endsAt: new Date("2026-10-01T00:00:00+09:00") }, "promotionRange"],
        [{ dailyStart: "16:00:00", dailyEnd: "14:00:00" }, "promotionHours"],
        [{ dailyStart: "14:00:00", dailyEnd: null }, "promotionHours"],
        [{ itemIds: [] }, "promotionScope"],
        [{ itemIds: [cafeteriaItem!.id] }, "promotionScopeStore"],
      ];
      for (const [overrides, messageKey] of refusals) {
        expect(await errorOf(edit(overrides)), messageKey).toMatchObject({ code: "BAD_REQUEST", messageKey });
      }
      expect(await stored()).toEqual(before);
      expect(await auditOf(promotionId, "promotion.update")).toHaveLength(1);
    });

    it("is NOT_FOUND to another store's manager and for an unknown id, and stays as it was", async () => {
      const before = await stored();
      expect(await errorOf(edit({ storeId: world.cafeteria.id, value: 10n }))).toMatchObject({ code: "NOT_FOUND", messageKey: "promotionNotFound" });
      expect(await errorOf(edit({ promotionId: crypto.randomUUID() }))).toMatchObject({ code: "NOT_FOUND", messageKey: "promotionNotFound" });
      expect(await stored()).toEqual(before);
    });
  });

  describe("a stamp program", () => {
    let programId: string;
    let espressoId: string;
    const edit = (overrides: Partial<ProgramUpdate>) =>
      database.db.transaction((tx) =>
        updateStampProgram({
          tx,
          input: {
            programId,
            storeId: world.cafe.id,
            nameKo: "에스프레소 스탬프",
            nameEn: "Espresso stamps",
            itemIds: [espressoId],
            categoryIds: [],
            stampsPerItem: 1,
            stampsPerReward: 10,
            earningTenders: ["wallet", "card", "cash"],
            rewardMaxValue: 2_500n,
            rewardItemIds: [espressoId],
            rewardCategoryIds: [],
            couponValidDays: 90,
            startsAt: new Date("2026-11-01T00:00:00+09:00"),
            endsAt: null,
            actorId: managerId,
            now: LUNCHTIME,
            ...overrides,
          },
        }),
      );
    const stored = async () => {
      const [row] = await database.db.select().from(stampPrograms).where(eq(stampPrograms.id, programId));
      return row;
    };

    beforeAll(async () => {
      espressoId = (await item("espresso")).id;
      const created = await database.db.transaction((tx) =>
        createStampProgram({
          tx,
          input: {
            storeId: world.cafe.id,
            nameKo: "에스프레소 스탬프",
            nameEn: "Espresso stamps",
            itemIds: [espressoId],
            categoryIds: [],
            stampsPerItem: 1,
            stampsPerReward: 10,
            earningTenders: ["wallet", "card", "cash"],
            rewardMaxValue: 2_500n,
            rewardItemIds: [espressoId],
            rewardCategoryIds: [],
            couponValidDays: 90,
            startsAt: new Date("2026-11-01T00:00:00+09:00"),
            endsAt: null,
            actorId: managerId,
            now: LUNCHTIME,
          },
        }),
      );
      programId = created.id;
    });

    it("keeps balances and issued coupons; the next reward follows the new stamps per reward; a revoked old reward gives back what it cost", async () => {
      const early = await world.employee(31);
      const saver = await world.employee(32);
      await world.fund(early, 50_000n);
      await world.fund(saver, 50_000n);
      const rewarded = await pay(early, "espresso", 10);
      expect(rewarded.stamps[0]?.rewardCouponIds).toHaveLength(1);
      await pay(saver, "espresso", 8);
      expect(await balanceOf(programId, saver)).toBe(8);

      await edit({ stampsPerReward: 5, rewardMaxValue: 3_000n });
      expect(await balanceOf(programId, saver)).toBe(8);
      expect((await myStamps(database.db, { userId: saver })).cards.find((card) => card.programId === programId)).toMatchObject({ balance: 8, stampsPerReward: 5 });
      const [oldCoupon] = await database.db.select().from(coupons).where(eq(coupons.userId, early));
      expect(oldCoupon).toMatchObject({ maxValue: 2_500n, status: "active" });

      // 8 + 1 = 9 stamps: one coupon at the new 5, four stamps left over, at the new value.
      const next = await pay(saver, "espresso", 1);
      expect(next.stamps[0]).toMatchObject({ earned: 1, balance: 4, stampsPerReward: 5 });
      expect(next.stamps[0]?.rewardCouponIds).toHaveLength(1);
      const [newCoupon] = await database.db.select().from(coupons).where(eq(coupons.userId, saver));
      expect(newCoupon).toMatchObject({ maxValue: 3_000n, programId });

      // The old reward cost 10 stamps; revoking it on refund gives back 10, not today's 5.
      await refund(rewarded.orderId);
      const [revoked] = await database.db.select().from(coupons).where(eq(coupons.id, oldCoupon!.id));
      expect(revoked?.status).toBe("revoked");
      expect(await balanceOf(programId, early)).toBe(0);

      const [audit] = await auditOf(programId, "stamp_program.update");
      expect(audit?.before).toMatchObject({ stampsPerReward: 10 });
      expect(audit?.after).toMatchObject({ stampsPerReward: 5 });
    });

    it("refuses bad input and another store's manager, and changes nothing", async () => {
      const before = await stored();
      const cafeteriaItem = (await database.db.select().from(menuItems).where(eq(menuItems.storeId, world.cafeteria.id)).limit(1))[0];
      expect(await errorOf(edit({ earningTenders: [] }))).toMatchObject({ code: "BAD_REQUEST", messageKey: "stampTendersEmpty" });
      expect(await errorOf(edit({ endsAt: new Date("2026-10-01T00:00:00+09:00") }))).toMatchObject({ code: "BAD_REQUEST", messageKey: "promotionRange" });
      expect(await errorOf(edit({ rewardItemIds: [cafeteriaItem!.id] }))).toMatchObject({ code: "BAD_REQUEST", messageKey: "promotionScopeStore" });
      expect(await errorOf(edit({ storeId: world.cafeteria.id }))).toMatchObject({ code: "NOT_FOUND", messageKey: "stampProgramNotFound" });
      expect(await errorOf(edit({ programId: crypto.randomUUID() }))).toMatchObject({ code: "NOT_FOUND", messageKey: "stampProgramNotFound" });
      expect(await stored()).toEqual(before);
    });
  });
});
