import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stores, type OpeningHours } from "@/db/schema";
import { createOrder } from "@/server/domain/orders/create-order";
import { placeOrderAheadOnce, storeByCode } from "@/server/domain/orders/order-ahead";
import { startOrderAheadCard } from "@/server/domain/orders/order-ahead-card";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { errorOf } from "@/test/helpers";
import { LUNCHTIME, moneyWorld } from "@/test/money-fixtures";
import type { PaymentProvider } from "@/server/providers/payment-provider";
import { hoursStateAt } from "./hours";

const weekdays = { open: "08:00", close: "20:00" };
/** Sunday closed, weekdays 08–20, Saturday 10–15. */
const HOURS: OpeningHours = [null, weekdays, weekdays, weekdays, weekdays, weekdays, { open: "10:00", close: "15:00" }];
const seoul = (local: string) => new Date(`${local}+09:00`);

describe("opening hours", () => {
  it("is open from the opening minute up to, not including, the closing minute", () => {
    // 2026-11-25 is a Wednesday.
    expect(hoursStateAt(HOURS, "Asia/Seoul", seoul("2026-11-25T12:30:00"))).toEqual({ kind: "open", today: weekdays });
    expect(hoursStateAt(HOURS, "Asia/Seoul", seoul("2026-11-25T08:00:00")).kind).toBe("open");
    expect(hoursStateAt(HOURS, "Asia/Seoul", seoul("2026-11-25T19:59:59")).kind).toBe("open");
    expect(hoursStateAt(HOURS, "Asia/Seoul", seoul("2026-11-25T07:59:59"))).toEqual({
      kind: "closed",
      today: weekdays,
      next: { weekday: 3, inDays: 0, open: "08:00" },
    });
    expect(hoursStateAt(HOURS, "Asia/Seoul", seoul("2026-11-25T20:00:00"))).toEqual({
      kind: "closed",
      today: weekdays,
      next: { weekday: 4, inDays: 1, open: "08:00" },
    });
  });

  it("finds the next opening across closed days", () => {
    // Friday night → Saturday 10:00; Saturday after 15:00 → Monday (Sunday is closed).
    expect(hoursStateAt(HOURS, "Asia/Seoul", seoul("2026-11-27T21:00:00"))).toMatchObject({ kind: "closed", next: { weekday: 6, inDays: 1, open: "10:00" } });
    expect(hoursStateAt(HOURS, "Asia/Seoul", seoul("2026-11-28T15:00:00"))).toMatchObject({ kind: "closed", next: { weekday: 1, inDays: 2, open: "08:00" } });
    expect(hoursStateAt(HOURS, "Asia/Seoul", seoul("2026-11-29T12:00:00"))).toMatchObject({ kind: "closed", today: null, next: { weekday: 1, inDays: 1 } });
    expect(hoursStateAt([null, null, null, null, null, null, null], "Asia/Seoul", seoul("2026-11-25T12:00:00"))).toEqual({ kind: "closed", today: null, next: null });
  });

  it("reads the clock in the store's own time zone", () => {
    const instant = seoul("2026-11-25T12:30:00"); // 03:30 in London (Wednesday), 19:30 Tuesday in Los Angeles
    expect(hoursStateAt(HOURS, "Europe/London", instant)).toMatchObject({ kind: "closed", next: { weekday: 3, inDays: 0, open: "08:00" } });
    expect(hoursStateAt(HOURS, "America/Los_Angeles", instant)).toEqual({ kind: "open", today: weekdays });
    expect(hoursStateAt(HOURS, "America/Los_Angeles", seoul("2026-11-25T13:00:00")).kind).toBe("closed");
  });

  it("treats a store without hours (or with hours it cannot read) as always open", () => {
    const night = seoul("2026-11-25T03:00:00");
    expect(hoursStateAt(null, "Asia/Seoul", night)).toEqual({ kind: "always" });
    expect(hoursStateAt([weekdays], "Asia/Seoul", night)).toEqual({ kind: "always" });
    expect(hoursStateAt([...HOURS.slice(0, 6), { open: "25:00", close: "26:00" }], "Asia/Seoul", night)).toEqual({ kind: "always" });
  });
});

describe("order ahead against the store's hours", () => {
  let database: TestDatabase;
  let world: Awaited<ReturnType<typeof moneyWorld>>;
  let employeeId: string;
  let keyNo = 0;
  const setHours = (hours: OpeningHours | null, timeZone = "Asia/Seoul") =>
    database.db.update(stores).set({ openingHours: hours, timeZone }).where(eq(stores.id, world.cafe.id));
  const orderCount = async () => (await database.sql<{ n: number }[]>`select count(*)::int as n from orders`)[0]?.n;
  const place = async (now: Date) =>
    placeOrderAheadOnce(database.db, { key: `hours-${keyNo++}`, input: { employeeId, storeId: world.cafe.id, lines: [await world.line("cookie")], now } });

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    employeeId = await world.employee(12);
    await world.fund(employeeId, 50_000n);
  });
  afterAll(() => database.close());

  it("refuses an order from the phone outside the hours and writes nothing, but takes it inside them", async () => {
    await setHours(HOURS);
    const before = await orderCount();
    const early = await errorOf(place(seoul("2026-11-25T07:59:00")));
    expect(early).toMatchObject({ code: "PRECONDITION_FAILED", messageKey: "storeClosed", details: { opensAt: "08:00", day: "today" } });
    expect(await errorOf(place(seoul("2026-11-25T20:00:00")))).toMatchObject({ messageKey: "storeClosed", details: { day: "tomorrow" } });
    expect(await errorOf(place(seoul("2026-11-28T16:00:00")))).toMatchObject({ messageKey: "storeClosed", details: { day: "1" } });
    expect(await orderCount()).toBe(before);

    await expect(place(seoul("2026-11-25T08:00:00"))).resolves.toMatchObject({ total: 2_000n });
    expect(await orderCount()).toBe((before ?? 0) + 1);
  });

  it("refuses the card route to order ahead the same way", async () => {
    await setHours(HOURS);
    const refused = await errorOf(
      // The refusal comes before any call to the PG, so a provider that has nothing is enough.
      startOrderAheadCard(database.db, {} as PaymentProvider, {
        key: `hours-card-${keyNo++}`,
        input: {
          employeeId,
          storeId: world.cafe.id,
          lines: [await world.line("sandwich", 20)],
          couponIds: [],
          now: seoul("2026-11-29T12:00:00"),
          successUrl: "http://localhost/pay/order/card/success",
          failUrl: "http://localhost/pay/order/card/fail",
        },
      }),
    );
    expect(refused).toMatchObject({ messageKey: "storeClosed" });
  });

  it("never blocks the kiosk, and a store without hours takes orders at any time", async () => {
    await setHours(HOURS);
    const night = seoul("2026-11-25T23:30:00");
    await expect(
      createOrder({ tx: database.db, input: { storeId: world.cafe.id, lines: [await world.line("cookie")], source: "kiosk", createdBy: world.kiosk.id, now: night } }),
    ).resolves.toMatchObject({ storeId: world.cafe.id });

    await setHours(null);
    await expect(place(night)).resolves.toMatchObject({ total: 2_000n });
    expect((await storeByCode({ tx: database.db, input: { code: "hq-cafe", now: night } })).hours).toEqual({ kind: "always" });
  });

  it("judges the hours in the store's time zone", async () => {
    // 12:30 in Seoul is 03:30 in London: closed there.
    await setHours(HOURS, "Europe/London");
    expect(await errorOf(place(LUNCHTIME))).toMatchObject({ messageKey: "storeClosed", details: { opensAt: "08:00", day: "today" } });
    expect((await storeByCode({ tx: database.db, input: { code: "hq-cafe", now: LUNCHTIME } })).hours).toMatchObject({ kind: "closed" });
    await setHours(HOURS, "Asia/Seoul");
    expect((await storeByCode({ tx: database.db, input: { code: "hq-cafe", now: LUNCHTIME } })).hours).toMatchObject({ kind: "open" });
  });
});
