import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { reportWorld } from "@/test/report-fixtures";
import { dashboard } from "./dashboard";
import { DEFAULT_MEAL_ALLOWANCE, mealAllowanceFor, setMealAllowance } from "./meal-allowance";
import { monthlySettlement } from "./settlement";
import { monthlyTaxReport, splitAllowance } from "./tax";

type World = Awaited<ReturnType<typeof reportWorld>>;

/**
 * The voucher value the ledger moved for orders of a month's business days: voucher-grant legs
 * of payment transfers, less refund transfers back to a voucher grant or the voucher budget.
 */
async function ledgerVoucherValue(database: TestDatabase, from: string, to: string) {
  const rows = (await database.db.execute(sql`
    select o.store_id, (-sum(e.amount))::text as value
      from orders o
      join ledger_transfers tr on tr.order_id = o.id
      join ledger_entries e on e.transfer_id = tr.id
      join accounts a on a.id = e.account_id
     where o.business_date between ${from}::date and ${to}::date
       and ((tr.kind = 'payment' and a.kind = 'voucher_grant')
         or (tr.kind = 'refund' and a.kind in ('voucher_grant', 'voucher_budget')))
     group by o.store_id`)) as unknown as { store_id: string; value: string }[];
  return new Map(rows.map((row) => [row.store_id, BigInt(row.value)]));
}

describe("reports on voucher spending", () => {
  let database: TestDatabase;
  let data: World;
  beforeAll(async () => {
    database = await createTestDatabase();
    data = await reportWorld(database.db);
  });
  afterAll(async () => {
    expect((await verifyLedger(database.db)).ok).toBe(true);
    await database.close();
  });

  it("settles March with each store for exactly what the ledger moved from vouchers, partial refund netted", async () => {
    const { world } = data;
    expect(data.orders.refund.tenders).toEqual([
      { kind: "wallet", amount: 3_000n, to: "wallet" },
      { kind: "voucher", amount: 2_500n, to: "voucher" },
    ]);
    const report = await monthlySettlement({ tx: database.db, input: { month: "2031-03" } });
    const ledger = await ledgerVoucherValue(database, "2031-03-01", "2031-03-31");

    expect(report.total).toEqual({ uses: 4, paid: 27_000n, refunded: 2_500n, net: 24_500n });
    expect(report.stores.map((s) => [s.code, s.total.net])).toEqual([
      ["cafeteria", 9_000n],
      ["hq-cafe", 15_500n],
    ]);
    for (const store of report.stores) expect(store.total.net).toBe(ledger.get(store.storeId));
    expect(report.total.net).toBe([...ledger.values()].reduce((a, b) => a + b, 0n));

    const cafe = report.stores.find((s) => s.storeId === world.cafe.id);
    expect(cafe?.days).toHaveLength(31);
    expect(cafe?.days.filter((d) => d.net !== 0n).map((d) => [d.day, d.paid, d.refunded, d.net])).toEqual([
      ["2031-03-10", 7_500n, 0n, 7_500n],
      ["2031-03-11", 8_000n, 2_500n, 5_500n],
      ["2031-03-31", 2_500n, 0n, 2_500n],
    ]);
    // Per day and per department both add up to the store's total.
    const sum = (cells: { net: bigint }[]) => cells.reduce((total, cell) => total + cell.net, 0n);
    for (const store of report.stores) {
      expect(sum(store.days)).toBe(store.total.net);
      expect(sum(store.departments)).toBe(store.total.net);
    }
    const firstDepartment = data.departmentOf(data.employees.first);
    expect(cafe?.departments.find((d) => d.departmentId === firstDepartment)?.net).toBeGreaterThanOrEqual(13_000n);
    expect(sum(report.detail)).toBe(24_500n);

    // February and the payment after midnight are in their own months, also equal to the ledger.
    const april = await monthlySettlement({ tx: database.db, input: { month: "2031-04" } });
    expect(april.total.net).toBe(2_000n);
    expect(april.total.net).toBe((await ledgerVoucherValue(database, "2031-04-01", "2031-04-30")).get(world.cafe.id));
    expect((await monthlySettlement({ tx: database.db, input: { month: "2031-02" } })).total.net).toBe(2_000n);
  });

  it("splits each employee's month into the tax-free allowance and the taxable rest", async () => {
    const { first, second, third } = data.employees;
    const byEmployee = (report: Awaited<ReturnType<typeof monthlyTaxReport>>) =>
      new Map(report.employees.map((row) => [row.employeeId, { net: row.net, taxFree: row.taxFree, taxable: row.taxable }]));

    // Default ₩200,000: everything tax-free.
    const plain = await monthlyTaxReport({ tx: database.db, input: { month: "2031-03" } });
    expect(plain.allowance).toEqual({ amount: DEFAULT_MEAL_ALLOWANCE, effectiveMonth: null, isDefault: true });
    expect(byEmployee(plain).get(first)).toEqual({ net: 13_000n, taxFree: 13_000n, taxable: 0n });
    expect(plain.total).toMatchObject({ net: 24_500n, taxFree: 24_500n, taxable: 0n, refunded: 2_500n });

    // A cap of 9,000 from March: the second employee is exactly at it, the first over, the third under.
    const hr = data.world.kiosk.id;
    await database.db.transaction((tx) => setMealAllowance({ tx, input: { effectiveMonth: "2031-03", amount: 9_000n, actorId: hr, now: new Date() } }));
    // A later change from April leaves March as it was.
    await database.db.transaction((tx) => setMealAllowance({ tx, input: { effectiveMonth: "2031-04", amount: 1_000n, actorId: hr, now: new Date() } }));
    const capped = byEmployee(await monthlyTaxReport({ tx: database.db, input: { month: "2031-03" } }));
    expect(capped.get(second)).toEqual({ net: 9_000n, taxFree: 9_000n, taxable: 0n });
    expect(capped.get(first)).toEqual({ net: 13_000n, taxFree: 9_000n, taxable: 4_000n });
    expect(capped.get(third)).toEqual({ net: 2_500n, taxFree: 2_500n, taxable: 0n });
    const april = await monthlyTaxReport({ tx: database.db, input: { month: "2031-04" } });
    expect(april.allowance.amount).toBe(1_000n);
    expect(byEmployee(april).get(third)).toEqual({ net: 2_000n, taxFree: 1_000n, taxable: 1_000n });
    expect((await mealAllowanceFor(database.db, "2031-12")).effectiveMonth).toBe("2031-04");

    // Setting the same month again replaces it, and each change is audited with what it was.
    await database.db.transaction((tx) => setMealAllowance({ tx, input: { effectiveMonth: "2031-03", amount: 13_000n, actorId: hr, now: new Date() } }));
    expect(byEmployee(await monthlyTaxReport({ tx: database.db, input: { month: "2031-03" } })).get(first)).toEqual({ net: 13_000n, taxFree: 13_000n, taxable: 0n });
    const audits = (await database.db.execute(
      sql`select entity_id, before, after from audit_log where action = 'meal_allowance.set' order by created_at, entity_id`,
    )) as unknown as { entity_id: string; before: unknown; after: unknown }[];
    expect(audits.map((a) => a.entity_id)).toEqual(["2031-03", "2031-04", "2031-03"]);
    expect(audits[0]?.before).toEqual({ amount: "200000", inheritedFrom: null });
    expect(audits[2]?.before).toEqual({ amount: "9000" });
    expect(audits[2]?.after).toEqual({ amount: "13000" });
  });

  it("splits at, under and over the cap, and never below zero", () => {
    expect(splitAllowance(200_000n, 200_000n)).toEqual({ taxFree: 200_000n, taxable: 0n });
    expect(splitAllowance(199_999n, 200_000n)).toEqual({ taxFree: 199_999n, taxable: 0n });
    expect(splitAllowance(200_001n, 200_000n)).toEqual({ taxFree: 200_000n, taxable: 1n });
    expect(splitAllowance(0n, 200_000n)).toEqual({ taxFree: 0n, taxable: 0n });
    expect(splitAllowance(5_000n, 0n)).toEqual({ taxFree: 0n, taxable: 5_000n });
  });

  it("shows March on the dashboard by day, meal, department, usage and top items", async () => {
    const board = await dashboard({ tx: database.db, input: { from: "2031-03-01", to: "2031-03-31" } });
    expect(board.spend.total).toBe(24_500n);
    expect(board.spend.uses).toBe(4);
    expect(board.spend.byDay).toHaveLength(31);
    expect(board.spend.byDay.filter((d) => d.amount > 0n)).toEqual([
      { day: "2031-03-10", amount: 16_500n },
      { day: "2031-03-11", amount: 5_500n },
      { day: "2031-03-31", amount: 2_500n },
    ]);
    expect(board.spend.byMeal).toEqual([
      { meal: "breakfast", amount: 0n },
      { meal: "lunch", amount: 16_500n },
      { meal: "dinner", amount: 8_000n },
    ]);
    const expectedByDepartment = new Map<string | null, bigint>();
    for (const [id, net] of [[data.employees.first, 13_000n], [data.employees.second, 9_000n], [data.employees.third, 2_500n]] as const) {
      const department = data.departmentOf(id);
      expectedByDepartment.set(department, (expectedByDepartment.get(department) ?? 0n) + net);
    }
    expect(new Map(board.spend.byDepartment.map((d) => [d.departmentId, d.amount]))).toEqual(expectedByDepartment);

    // Given for March's days: 9,000 + 9,000 + 8,000; spent of those: 7,500 + 9,000 + 5,500.
    expect(board.usage).toEqual({ grants: 3, granted: 26_000n, used: 22_000n, unused: 4_000n, rateBasisPoints: 8461 });

    expect(board.topItems.map((i) => [i.nameEn, i.quantity, i.amount])).toEqual([
      ["Ham & Cheese Sandwich", 2, 11_000n],
      ["Ramyeon", 2, 8_000n],
      ["Gimbap", 1, 3_500n],
      ["Americano", 1, 2_500n],
      ["Chocolate Chip Cookie", 1, 2_000n],
    ]);

    const cafeteria = await dashboard({ tx: database.db, input: { from: "2031-03-01", to: "2031-03-31", storeId: data.world.cafeteria.id } });
    expect(cafeteria.spend.total).toBe(9_000n);
    expect(cafeteria.topItems.map((i) => i.nameEn)).toEqual(["Ramyeon", "Gimbap"]);

    const oneDay = await dashboard({ tx: database.db, input: { from: "2031-03-11", to: "2031-03-11" } });
    expect(oneDay.spend.total).toBe(5_500n);
    expect(oneDay.usage).toMatchObject({ granted: 8_000n, used: 5_500n });
  });

  it("refuses a reversed or overlong range", async () => {
    await expect(dashboard({ tx: database.db, input: { from: "2031-03-31", to: "2031-03-01" } })).rejects.toMatchObject({ messageKey: "rangeReversed" });
    await expect(dashboard({ tx: database.db, input: { from: "2030-01-01", to: "2031-03-01" } })).rejects.toMatchObject({ messageKey: "rangeTooLong" });
  });
});
