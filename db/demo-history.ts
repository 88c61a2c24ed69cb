import { and, eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { menuItemOptionGroups, menuItems, optionChoices, stores, users } from "./schema";
import { checkoutOnce } from "../server/domain/payments/checkout";
import { creditWalletFromPg } from "../server/domain/payments/top-up";
import { executeAllocation } from "../server/domain/vouchers/allocation";
import { expireVoucherGrants } from "../server/domain/vouchers/grants";
import { makeAllDueGrants } from "../server/domain/vouchers/plans";
import { COMPANY_TIME_ZONE, createPolicy } from "../server/domain/vouchers/policies";
import { weekdayMealTerms } from "../server/domain/vouchers/policy-input";
import { businessDate } from "../server/domain/time";
import { addDays, monthRange, previousMonth } from "../server/domain/reports/period";

/**
 * A month and a bit of cafe life for a fresh demo database: meal policies from the first of last
 * month, their vouchers, wallet top-ups, and the breakfasts, lunches, coffees and dinners the 50
 * demo employees bought on every working day up to yesterday. Everything goes through the same
 * domain functions the kiosk uses, with the clock set to the moment of each purchase, so the
 * ledger, history and reports agree as they would after a real month.
 *
 * Only `npm start` on an empty database loads it; tests seed without it.
 */
export async function loadDemoHistory(
  db: Db,
  options: { now: Date; onProgress?: (day: string, orders: number) => void; lastWorkingDays?: number },
) {
  const random = seededRandom(20_261_125);
  const today = businessDate(options.now, COMPANY_TIME_ZONE);
  const firstOfLastMonth = monthRange(previousMonth(today.slice(0, 7))).from;
  const endOfThisMonth = monthRange(today.slice(0, 7)).to;
  const startOfHistory = kst(firstOfLastMonth, "00:00");

  const [hr] = await db.select({ id: users.id }).from(users).where(eq(users.role, "hr_admin")).limit(1);
  if (!hr) throw new Error("demo history: the seed has no HR admin");
  const storeRows = await db.select().from(stores);
  const storeByCode = new Map(storeRows.map((store) => [store.code, store]));
  const cafe = storeByCode.get("hq-cafe");
  const cafeteria = storeByCode.get("cafeteria");
  if (!cafe || !cafeteria) throw new Error("demo history: the seed has no cafe or cafeteria");
  const kioskOf = new Map<string, string>();
  for (const [storeId, email] of [
    [cafe.id, "kiosk.cafe@canteen.dev"],
    [cafeteria.id, "kiosk.cafeteria@canteen.dev"],
  ] as const) {
    const [kiosk] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!kiosk) throw new Error(`demo history: no ${email}`);
    kioskOf.set(storeId, kiosk.id);
  }
  const employees = await db
    .select({ id: users.id, hiredOn: users.hiredOn })
    .from(users)
    .where(and(eq(users.role, "employee"), eq(users.status, "active")))
    .orderBy(users.employeeNo);

  const policyIds: string[] = [];
  for (const [name, meal, amount, windowStart, windowEnd] of [
    ["조식", "breakfast", 5_000, "07:30", "09:30"],
    ["중식", "lunch", 9_000, "11:00", "14:00"],
    ["석식", "dinner", 9_000, "17:30", "20:00"],
  ] as const) {
    const terms = weekdayMealTerms(amount, windowStart, windowEnd, firstOfLastMonth);
    const { policy } = await db.transaction((tx) => createPolicy({ tx, input: { name, meal, terms, actorId: hr.id, now: startOfHistory } }));
    policyIds.push(policy.id);
  }
  const run = await db.transaction((tx) =>
    executeAllocation({ tx, input: { periodStart: firstOfLastMonth, periodEnd: endOfThisMonth, policyIds, now: startOfHistory, actorId: hr.id } }),
  );
  // The jobs runner would have made each day's planned grants by now; do what it would have.
  await makeAllDueGrants(db, { now: options.now });

  for (const employee of employees) {
    const amount = BigInt(10_000 * (8 + Math.floor(random() * 8)));
    await db.transaction((tx) => creditWalletFromPg({ tx, input: { employeeId: employee.id, amount, memo: "demo top-up" } }));
  }

  const menu = await menuLines(db, [cafe.id, cafeteria.id]);
  const pick = (storeId: string, codes: readonly string[]) => {
    const code = codes[Math.floor(random() * codes.length)] ?? codes[0];
    const line = menu.get(`${storeId}:${code}`);
    if (!line) throw new Error(`demo history: no menu item ${code}`);
    return line;
  };
  const holidays = new Set(
    ((await db.execute(sql`select day::text as day from public_holidays`)) as unknown as { day: string }[]).map((row) => row.day),
  );

  let orders = 0;
  let skipped = 0;
  let key = 0;
  const buy = async (storeId: string, lines: ReturnType<typeof pick>[], employeeId: string, at: Date) => {
    const actorId = kioskOf.get(storeId) ?? "";
    try {
      await checkoutOnce(db, {
        scope: actorId,
        key: `demo-history-${key++}`,
        input: { storeId, lines, payers: [{ employeeId }], remainder: { method: "none" }, actorId, now: at },
      });
      orders++;
    } catch {
      // A wallet that ran dry: that employee skipped this one, as they would at the counter.
      skipped++;
    }
  };

  const days: string[] = [];
  for (let day = firstOfLastMonth; day < today; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays.has(day)) days.push(day);
  }
  if (options.lastWorkingDays !== undefined) days.splice(0, Math.max(0, days.length - options.lastWorkingDays));
  type Purchase = { storeId: string; lines: ReturnType<typeof pick>[]; at: Date };
  for (const day of days) {
    // The day is planned first, so the same seed gives the same month whatever order the
    // purchases then finish in.
    const plans = employees
      .filter((employee) => !employee.hiredOn || employee.hiredOn <= day)
      .map((employee) => {
        const purchases: Purchase[] = [];
        if (random() < 0.12) {
          const lines = [pick(cafe.id, ["americano", "cafe-latte"]), ...(random() < 0.5 ? [pick(cafe.id, ["croissant", "bagel"])] : [])];
          purchases.push({ storeId: cafe.id, lines, at: kst(day, clock(8, 0, 80, random)) });
        }
        if (random() < 0.62) {
          const meal = pick(cafeteria.id, ["bibimbap", "kimchi-stew", "bulgogi", "daily-set", "naengmyeon", "udon", "pork-cutlet", "curry", "ramyeon"]);
          const lines = [meal, ...(random() < 0.15 ? [pick(cafeteria.id, ["soda", "gimbap"])] : [])];
          purchases.push({ storeId: cafeteria.id, lines, at: kst(day, clock(11, 30, 110, random)) });
        }
        if (random() < 0.3) {
          const lines = [pick(cafe.id, ["americano", "cafe-latte", "vanilla-latte", "caramel-macchiato", "green-tea-latte"])];
          purchases.push({ storeId: cafe.id, lines, at: kst(day, clock(12, 40, 150, random)) });
        }
        if (random() < 0.06) {
          const lines = [pick(cafeteria.id, ["bibimbap", "kimchi-stew", "pork-cutlet", "curry"])];
          purchases.push({ storeId: cafeteria.id, lines, at: kst(day, clock(18, 0, 80, random)) });
        }
        return { employeeId: employee.id, purchases };
      });
    // Different people at once, as at the counter; one person's purchases in order.
    await inParallel(plans, 4, async (plan) => {
      for (const purchase of plan.purchases) await buy(purchase.storeId, purchase.lines, plan.employeeId, purchase.at);
    });
    options.onProgress?.(day, orders);
  }

  // Past days' orders were collected long ago; only today's belong in a queue.
  await db.execute(sql`
    update orders set status = 'picked_up', updated_at = paid_at + interval '7 minutes'
    where status in ('paid', 'preparing', 'ready') and business_date < ${today}::date`);
  for (;;) {
    const { expired } = await db.transaction((tx) => expireVoucherGrants({ tx, input: { now: options.now, batchSize: 2_000 } }));
    if (expired === 0) break;
  }
  return { orders, skipped, days: days.length, grants: run.grantCount };
}

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const item = items[next++];
        if (item !== undefined) await work(item);
      }
    }),
  );
}

/** Each demo item with its default options, as the kiosk would send it. */
async function menuLines(db: Db, storeIds: string[]) {
  const items = await db.select({ id: menuItems.id, code: menuItems.code, storeId: menuItems.storeId }).from(menuItems);
  const defaults = await db
    .select({ itemId: menuItemOptionGroups.itemId, choiceId: optionChoices.id })
    .from(menuItemOptionGroups)
    .innerJoin(optionChoices, and(eq(optionChoices.groupId, menuItemOptionGroups.groupId), eq(optionChoices.isDefault, true)));
  const lines = new Map<string, { itemId: string; quantity: number; optionIds: string[] }>();
  for (const item of items) {
    if (!storeIds.includes(item.storeId)) continue;
    const optionIds = defaults.filter((row) => row.itemId === item.id).map((row) => row.choiceId);
    lines.set(`${item.storeId}:${item.code}`, { itemId: item.id, quantity: 1, optionIds });
  }
  return lines;
}

/** A time of day from `hour:minute` plus up to `spreadMinutes`, as "HH:MM". */
function clock(hour: number, minute: number, spreadMinutes: number, random: () => number) {
  const total = hour * 60 + minute + Math.floor(random() * spreadMinutes);
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

const kst = (day: string, time: string) => new Date(`${day}T${time}:00+09:00`);

/** mulberry32: the same demo month on every machine. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
