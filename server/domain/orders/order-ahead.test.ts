import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { menuItems, orders, users } from "@/db/schema";
import { createPromotion } from "@/server/domain/loyalty/admin";
import type { SessionUser } from "@/server/auth/roles";
import { DomainError } from "@/server/domain/errors";
import { walletOf } from "@/server/domain/ledger/accounts";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { createInnerContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { errorOf, sessionOf, trpcFailure } from "@/test/helpers";
import { LUNCHTIME, moneyWorld } from "@/test/money-fixtures";
import { myOrder, orderAheadFunds, placeOrderAheadOnce } from "./order-ahead";
import { loadQueue } from "./queue";

type World = Awaited<ReturnType<typeof moneyWorld>>;

describe("order ahead from the phone", () => {
  let database: TestDatabase;
  let world: World;
  let keyNo = 0;
  const place = (employeeId: string, lines: { itemId: string; quantity: number; optionIds: string[] }[], options: { key?: string; storeId?: string } = {}) =>
    placeOrderAheadOnce(database.db, {
      key: options.key ?? `ahead-${keyNo++}`,
      input: { employeeId, storeId: options.storeId ?? world.cafe.id, lines, now: LUNCHTIME },
    });
  const counts = async () => {
    const [row] = await database.sql`
      select (select count(*)::int from orders) as orders, (select count(*)::int from ledger_transfers) as transfers,
             (select count(*)::int from payment_tenders) as tenders`;
    return row;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
  });
  afterAll(async () => {
    expect((await verifyLedger(database.db)).ok).toBe(true);
    await database.close();
  });

  it("pays the lunch voucher first, then the wallet, and the kiosk queue gets a pay-app order", async () => {
    const employeeId = await world.employee(11);
    await world.fund(employeeId, 20_000n);
    await world.lunch(employeeId);
    const funds = await orderAheadFunds({ tx: database.db, input: { employeeId, storeId: world.cafe.id, now: LUNCHTIME } });
    expect(funds).toEqual({ voucher: 9_000n, vouchers: [{ balance: 9_000n, categoryIds: null, dailyCap: null }], wallet: 20_000n, voucherRefusal: null });

    // 3,500 (iced, large, extra shot) + 5,500 + 2,000 = 11,000.
    const paid = await place(employeeId, [await world.line("americano", 1, ["iced", "large", "shot1"]), await world.line("sandwich"), await world.line("cookie")]);
    expect(paid.total).toBe(11_000n);
    expect(paid.tenders).toEqual([expect.objectContaining({ kind: "voucher", amount: 9_000n, meal: "lunch" }), { kind: "wallet", amount: 2_000n }]);
    expect(paid.walletBalance).toBe(18_000n);
    expect((await walletOf(database.db, employeeId))?.balance).toBe(18_000n);

    const [row] = await database.db.select().from(orders).where(eq(orders.id, paid.orderId));
    expect(row).toMatchObject({ source: "pay_app", status: "paid", payerId: employeeId, createdBy: employeeId, pickupNumber: paid.pickupNumber });
    const queue = await loadQueue({ tx: database.db, input: { storeId: world.cafe.id, now: LUNCHTIME } });
    expect(queue.find((order) => order.id === paid.orderId)).toMatchObject({ source: "pay_app", status: "paid" });

    const mine = await myOrder({ tx: database.db, input: { employeeId, orderId: paid.orderId } });
    expect(mine).toMatchObject({ status: "paid", pickupNumber: paid.pickupNumber, store: { code: "hq-cafe" } });
    expect(mine.lines.map((line) => line.nameEn)).toEqual(["Americano", "Ham & Cheese Sandwich", "Chocolate Chip Cookie"]);
    expect(mine.lines[0]?.options.map((option) => option.nameEn)).toEqual(["Iced", "Large", "+1 shot"]);
    // Someone else cannot look at it.
    const other = await world.employee(12);
    expect(await errorOf(myOrder({ tx: database.db, input: { employeeId: other, orderId: paid.orderId } }))).toMatchObject({ messageKey: "orderNotFound" });
  });

  it("shows each line at what it cost after a promotion, not at its list price", async () => {
    const [manager] = await database.db.select().from(users).where(eq(users.email, "manager@canteen.dev"));
    const cookie = await world.line("cookie", 2);
    await database.db.transaction((tx) =>
      createPromotion({
        tx,
        input: {
          nameKo: "쿠키 반값",
          nameEn: "Half-price cookies",
          kind: "percent",
          value: 50n,
          itemIds: [cookie.itemId],
          categoryIds: [],
          storeIds: [world.cafe.id],
          startsAt: new Date("2026-11-01T00:00:00+09:00"),
          endsAt: new Date("2026-12-31T00:00:00+09:00"),
          dailyStart: null,
          dailyEnd: null,
          weekdays: [1, 2, 3, 4, 5, 6, 7],
          perPersonDailyLimit: null,
          actorId: manager!.id,
          now: LUNCHTIME,
        },
      }),
    );
    try {
      const employeeId = await world.employee(19);
      await world.fund(employeeId, 20_000n);
      const paid = await place(employeeId, [cookie, await world.line("sandwich")]);
      const mine = await myOrder({ tx: database.db, input: { employeeId, orderId: paid.orderId } });
      expect(mine.lines.map(({ nameEn, lineTotal, netTotal }) => ({ nameEn, lineTotal, netTotal }))).toEqual([
        { nameEn: "Chocolate Chip Cookie", lineTotal: 4_000n, netTotal: 2_000n },
        { nameEn: "Ham & Cheese Sandwich", lineTotal: 5_500n, netTotal: 5_500n },
      ]);
      expect(mine.tenders.reduce((sum, tender) => sum + tender.amount, 0n)).toBe(7_500n);
    } finally {
      await database.sql`update promotions set is_active = false where name_en = 'Half-price cookies'`;
    }
  });

  it("refuses when voucher and wallet fall short, says by how much, and changes nothing", async () => {
    const employeeId = await world.employee(13);
    await world.fund(employeeId, 1_000n);
    const before = await counts();
    const error = await errorOf(place(employeeId, [await world.line("cafe-latte"), await world.line("cookie")]));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "PRECONDITION_FAILED", messageKey: "orderAheadShort", details: { shortfall: 4_500 } });
    expect(await counts()).toEqual(before);
    expect((await walletOf(database.db, employeeId))?.balance).toBe(1_000n);
  });

  it("refuses a sold-out item and another store's item, writing nothing", async () => {
    const employeeId = await world.employee(14);
    await world.fund(employeeId, 50_000n);
    const [scone] = await database.db.select().from(menuItems).where(and(eq(menuItems.code, "scone"), eq(menuItems.storeId, world.cafe.id)));
    if (!scone) throw new Error("no scone");
    await database.db.update(menuItems).set({ isSoldOut: true }).where(eq(menuItems.id, scone.id));
    const before = await counts();
    try {
      expect(await errorOf(place(employeeId, [await world.line("scone")]))).toMatchObject({ code: "BAD_REQUEST", messageKey: "menuItemSoldOut" });
    } finally {
      await database.db.update(menuItems).set({ isSoldOut: false }).where(eq(menuItems.id, scone.id));
    }
    // A cafe item ordered "at" the cafeteria is not on that store's menu.
    expect(await errorOf(place(employeeId, [await world.line("americano")], { storeId: world.cafeteria.id }))).toMatchObject({
      messageKey: "menuItemNotFound",
    });
    expect(await counts()).toEqual(before);
    expect((await walletOf(database.db, employeeId))?.balance).toBe(50_000n);
  });

  it("charges once when the same attempt is retried, even at the same moment", async () => {
    const employeeId = await world.employee(15);
    await world.fund(employeeId, 10_000n);
    const lines = [await world.line("americano")];
    const first = await place(employeeId, lines, { key: "retry-after-drop-1" });
    const [again, concurrent] = await Promise.all([
      place(employeeId, lines, { key: "retry-after-drop-1" }),
      place(employeeId, lines, { key: "retry-after-drop-1" }),
    ]);
    expect(again).toEqual(first);
    expect(concurrent).toEqual(first);
    expect((await walletOf(database.db, employeeId))?.balance).toBe(7_500n);
    const mine = await database.db.select().from(orders).where(and(eq(orders.payerId, employeeId), eq(orders.status, "paid")));
    expect(mine).toHaveLength(1);
    // The same key for a different cart is a conflict, not a second order.
    expect(await errorOf(place(employeeId, [await world.line("cookie")], { key: "retry-after-drop-1" }))).toMatchObject({
      messageKey: "idempotencyKeyReused",
    });
  });

  describe("over tRPC", () => {
    let employee: SessionUser;
    let barista: SessionUser;
    const callerFor = (session: SessionUser) => createCaller(createInnerContext({ db: database.db, session }));
    beforeAll(async () => {
      employee = await sessionOf(database.db, "employee20@canteen.dev");
      barista = await sessionOf(database.db, "kiosk.cafe@canteen.dev");
      await world.fund(employee.id, 30_000n);
    });

    it("lists stores and a store's menu with the employee's funds, then places and shows the order", async () => {
      const api = callerFor(employee);
      const stores = await api.orderAhead.stores();
      expect(stores.map((store) => store.code)).toEqual(expect.arrayContaining(["hq-cafe", "cafeteria"]));
      const { store, menu, funds } = await api.orderAhead.menu({ store: "hq-cafe" });
      expect(store.id).toBe(world.cafe.id);
      expect(menu.categories.length).toBeGreaterThan(0);
      expect(funds.wallet).toBe(30_000n);

      const paid = await api.orderAhead.place({ idempotencyKey: "phone-attempt-0001", storeId: store.id, lines: [await world.line("americano")] });
      expect(paid.tenders).toEqual([{ kind: "wallet", amount: 2_500n }]);
      expect(await api.orderAhead.order({ orderId: paid.orderId })).toMatchObject({ status: "paid", source: "pay_app" });
    });

    it("refuses a price from the client, a kiosk calling it, and an unknown store", async () => {
      const line = await world.line("americano");
      const before = await counts();
      const priced = await trpcFailure(
        callerFor(employee).orderAhead.place({ idempotencyKey: "phone-attempt-0002", storeId: world.cafe.id, lines: [{ ...line, price: 1 } as typeof line] }),
      );
      expect(priced.code).toBe("BAD_REQUEST");
      const kiosk = await trpcFailure(callerFor(barista).orderAhead.place({ idempotencyKey: "phone-attempt-0003", storeId: world.cafe.id, lines: [line] }));
      expect(kiosk.code).toBe("FORBIDDEN");
      const nowhere = await trpcFailure(callerFor(employee).orderAhead.menu({ store: "nowhere" }));
      expect(nowhere.code).toBe("NOT_FOUND");
      expect(await counts()).toEqual(before);
    });
  });
});
