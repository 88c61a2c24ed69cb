import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { departments, menuItems, users, type Meal } from "@/db/schema";
import { checkoutOnce } from "@/server/domain/payments/checkout";
import type { Remainder } from "@/server/domain/payments/split";
import { refundOrder } from "@/server/domain/payments/refund-order";
import { grantVoucher } from "@/server/domain/vouchers/grants";
import { moneyWorld } from "./money-fixtures";

const kst = (local: string) => new Date(`${local}+09:00`);

/**
 * A small known month of meal-voucher spending (March 2031, far from other tests' days), made
 * through the real checkout and refund: three employees, two stores, a partial refund, a
 * payment just after midnight that belongs to April, one in February and a wallet-only sale.
 *
 * March, net of refunds: cafe 7,500 (03-10) + 5,500 (03-11: 8,000 paid, 2,500 refunded)
 * + 2,500 (03-31) = 15,500; cafeteria 9,000 (03-10). Per employee: first 13,000, second
 * 9,000, third 2,500.
 */
export async function reportWorld(db: Db, options: { employeeNumbers?: readonly [number, number, number] } = {}) {
  const world = await moneyWorld(db);
  const [n1, n2, n3] = options.employeeNumbers ?? [1, 2, 3];
  const [first, second, third] = await Promise.all([world.employee(n1), world.employee(n2), world.employee(n3)]);
  const people = await db
    .select({ id: users.id, departmentId: users.departmentId, departmentKo: departments.nameKo })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(inArray(users.id, [first, second, third]));
  const departmentOf = (id: string) => people.find((p) => p.id === id)?.departmentId ?? null;

  const give = (employeeId: string, meal: Meal, amount: bigint, from: string, until: string, serviceDate: string) =>
    db.transaction((tx) =>
      grantVoucher({ tx, input: { employeeId, meal, amount, validFrom: kst(from), validUntil: kst(until), serviceDate } }),
    );
  const cafeteriaLine = async (code: string, quantity = 1) => {
    const [item] = await db.select().from(menuItems).where(and(eq(menuItems.code, code), eq(menuItems.storeId, world.cafeteria.id)));
    if (!item) throw new Error(`no cafeteria item ${code}`);
    return { itemId: item.id, quantity, optionIds: [] };
  };
  let key = 0;
  const payAt = (storeId: string, employeeId: string, lines: { itemId: string; quantity: number; optionIds: string[] }[], at: string, remainder: Remainder = { method: "none" }) =>
    checkoutOnce(db, {
      scope: world.kiosk.id,
      key: `report-${process.pid}-${key++}-${Math.random()}`,
      input: { storeId, lines, payers: [{ employeeId }], remainder, actorId: world.kiosk.id, now: kst(at) },
    });

  await world.fund(first, 20_000n);
  await world.fund(second, 10_000n);

  await give(first, "lunch", 9_000n, "2031-03-10T00:00:00", "2031-03-11T00:00:00", "2031-03-10");
  await give(second, "lunch", 9_000n, "2031-03-10T00:00:00", "2031-03-11T00:00:00", "2031-03-10");
  await give(first, "dinner", 8_000n, "2031-03-11T00:00:00", "2031-03-12T00:00:00", "2031-03-11");
  await give(third, "lunch", 9_000n, "2031-02-28T00:00:00", "2031-03-01T00:00:00", "2031-02-28");
  await give(third, "dinner", 9_000n, "2031-03-31T20:00:00", "2031-04-01T02:00:00", "2031-04-01");

  // 03-10 at the cafe: sandwich + cookie = 7,500, all by voucher.
  const lunchCafe = await payAt(world.cafe.id, first, [await world.line("sandwich"), await world.line("cookie")], "2031-03-10T12:00:00");
  // 03-10 at the cafeteria: ramyeon ×2 + gimbap = 11,500: 9,000 voucher, 2,500 wallet.
  const lunchCafeteria = await payAt(world.cafeteria.id, second, [await cafeteriaLine("ramyeon", 2), await cafeteriaLine("gimbap")], "2031-03-10T12:10:00");
  // 03-11 dinner: two sandwiches = 11,000: 8,000 voucher, 3,000 wallet; one sandwich refunded,
  // last tender first: 3,000 to the wallet, 2,500 to the voucher.
  const dinner = await payAt(world.cafe.id, first, [await world.line("sandwich", 2)], "2031-03-11T18:30:00");
  const refund = await db.transaction(async (tx) => {
    const [line] = (await tx.execute(sql`select id from order_lines where order_id = ${dinner.orderId}`)) as unknown as { id: string }[];
    if (!line) throw new Error("no line");
    return refundOrder({
      tx,
      input: { orderId: dinner.orderId, storeId: world.cafe.id, lines: [{ lineId: line.id, quantity: 1 }], reason: "wrong order", actorId: world.kiosk.id, now: kst("2031-03-11T18:40:00") },
    });
  });
  // February: not in March.
  const february = await payAt(world.cafe.id, third, [await world.line("cookie")], "2031-02-28T12:00:00");
  // 23:30 on the 31st is March; 00:30 on April 1st in Seoul (still March 31st in UTC) is April.
  const lastEvening = await payAt(world.cafe.id, third, [await world.line("americano")], "2031-03-31T23:30:00");
  const afterMidnight = await payAt(world.cafe.id, third, [await world.line("cookie")], "2031-04-01T00:30:00");
  // A wallet-only sale in March: no voucher, so no part of any report.
  const walletOnly = await payAt(world.cafe.id, second, [await world.line("cookie")], "2031-03-12T09:00:00");

  return {
    world,
    employees: { first, second, third },
    departmentOf,
    orders: { lunchCafe, lunchCafeteria, dinner, refund, february, lastEvening, afterMidnight, walletOnly },
  };
}
