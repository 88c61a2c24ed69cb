import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/roles";
import type { PaymentResult } from "@/server/domain/payments/pay-order";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { sessionOf, trpcFailure as failure } from "@/test/helpers";
import { moneyWorld } from "@/test/money-fixtures";
import { createInnerContext } from "../init";
import { createCaller } from "../root";

describe("history over tRPC", () => {
  let database: TestDatabase;
  let employee: SessionUser;
  let other: SessionUser;
  let kiosk: SessionUser;
  let sale: PaymentResult;
  const api = (session: SessionUser | null) => createCaller(createInnerContext({ db: database.db, session }));

  beforeAll(async () => {
    database = await createTestDatabase();
    const world = await moneyWorld(database.db);
    employee = await sessionOf(database.db, "employee34@canteen.dev");
    other = await sessionOf(database.db, "employee35@canteen.dev");
    kiosk = await sessionOf(database.db, "kiosk.cafe@canteen.dev");
    await world.fund(employee.id, 20_000n);
    await world.lunch(employee.id);
    sale = await world.sell({ lines: [await world.line("americano", 1, ["iced"]), await world.line("bagel")], payer: { employeeId: employee.id } });
  });
  afterAll(async () => {
    await database.close();
  });

  it("gives the employee their month, their receipt and their voucher use", async () => {
    const page = await api(employee).history.list({ month: "2026-11" });
    expect(page.purchases.map((purchase) => [purchase.id, purchase.total, purchase.myPaid])).toEqual([[sale.orderId, 6_300n, 6_300n]]);
    expect(page.nextCursor).toBeNull();
    // What TanStack's infinite query sends along is accepted.
    expect((await api(employee).history.list({ month: "2026-11", cursor: null, direction: "forward", limit: 5 })).purchases).toHaveLength(1);

    const receipt = await api(employee).history.receipt({ orderId: sale.orderId });
    expect(receipt.lines.map((line) => [line.nameEn, line.options.map((option) => option.nameEn)])).toEqual([
      ["Americano", ["Iced", "Regular"]],
      ["Cream Cheese Bagel", []],
    ]);
    expect((await api(employee).history.voucherUse({ month: "2026-11" })).meals).toContainEqual({ meal: "lunch", amount: 6_300n, days: 1 });
  });

  it("answers another employee's order as not found, and only employees may ask", async () => {
    const notMine = await failure(api(other).history.receipt({ orderId: sale.orderId }));
    expect(notMine.code).toBe("NOT_FOUND");
    expect((await api(other).history.list({ month: "2026-11" })).purchases).toEqual([]);
    expect((await failure(api(kiosk).history.list({}))).code).toBe("FORBIDDEN");
    expect((await failure(api(null).history.receipt({ orderId: sale.orderId }))).code).toBe("UNAUTHORIZED");
  });

  it("refuses malformed input", async () => {
    for (const input of [
      { month: "2026-13" },
      { month: "2026-1" },
      { month: "2026-11", cursor: "yesterday" },
      { month: "2026-11", limit: 0 },
      { month: "2026-11", limit: 51 },
      { month: "2026-11", employeeId: other.id },
    ]) {
      expect((await failure(api(employee).history.list(input as never))).code, JSON.stringify(input)).toBe("BAD_REQUEST");
    }
    expect((await failure(api(employee).history.receipt({ orderId: "not-a-uuid" }))).code).toBe("BAD_REQUEST");
    expect((await failure(api(employee).history.voucherUse({ month: "november" }))).code).toBe("BAD_REQUEST");
  });
});
