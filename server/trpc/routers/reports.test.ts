import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/roles";
import { handleSettlementExport, handleTaxExport } from "@/server/files/report-files";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { sessionOf, trpcFailure } from "@/test/helpers";
import { reportWorld } from "@/test/report-fixtures";
import { createInnerContext } from "../init";
import { createCaller } from "../root";

const BOM = [0xef, 0xbb, 0xbf];

async function workbookOf(response: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(new Uint8Array(await response.arrayBuffer())) as unknown as ExcelJS.Buffer);
  return workbook;
}

const rowsOf = (sheet: ExcelJS.Worksheet | undefined) => {
  if (!sheet) throw new Error("no sheet");
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

describe("reports over tRPC and as files", () => {
  let database: TestDatabase;
  let hr: SessionUser;
  let manager: SessionUser;
  let employee: SessionUser;
  const callerFor = (session: SessionUser) => createCaller(createInnerContext({ db: database.db, session }));
  const files = (session: SessionUser | null) => ({ db: database.db, session, requestId: "test" });
  const url = (kind: string, query: string) => new Request(`http://localhost/api/admin/reports/${kind}?${query}`);

  beforeAll(async () => {
    database = await createTestDatabase();
    await reportWorld(database.db);
    hr = await sessionOf(database.db, "hr@canteen.dev");
    manager = await sessionOf(database.db, "manager@canteen.dev");
    employee = await sessionOf(database.db, "employee03@canteen.dev");
  });
  afterAll(() => database.close());

  it("refuses store managers and employees on every report procedure and download", async () => {
    for (const session of [manager, employee]) {
      const caller = callerFor(session);
      expect((await trpcFailure(caller.reports.dashboard({ from: "2031-03-01", to: "2031-03-31" }))).code).toBe("FORBIDDEN");
      expect((await trpcFailure(caller.reports.settlement({ month: "2031-03" }))).code).toBe("FORBIDDEN");
      expect((await trpcFailure(caller.reports.tax({ month: "2031-03" }))).code).toBe("FORBIDDEN");
      expect((await trpcFailure(caller.reports.mealAllowance({ month: "2031-03" }))).code).toBe("FORBIDDEN");
      expect((await trpcFailure(caller.reports.setMealAllowance({ effectiveMonth: "2031-03", amount: 1 }))).code).toBe("FORBIDDEN");
      for (const handler of [handleSettlementExport, handleTaxExport]) {
        expect((await handler(url("x", "month=2031-03&format=csv"), files(session))).status).toBe(403);
      }
    }
    expect((await handleSettlementExport(url("settlement", "month=2031-03&format=csv"), files(null))).status).toBe(401);
    expect((await handleTaxExport(url("tax", "month=2031-03&format=xlsx"), files(null))).status).toBe(401);
    const [row] = await database.sql`select count(*)::int as n from meal_allowance_settings`;
    expect(row?.n).toBe(0);
  });

  it("gives HR the month, validates input and keeps the allowance setting", async () => {
    const caller = callerFor(hr);
    expect((await caller.reports.settlement({ month: "2031-03" })).total.net).toBe(24_500n);
    expect((await caller.reports.dashboard({ from: "2031-03-01", to: "2031-03-31" })).spend.total).toBe(24_500n);
    expect((await trpcFailure(caller.reports.settlement({ month: "2031-13" }))).code).toBe("BAD_REQUEST");
    expect((await trpcFailure(caller.reports.dashboard({ from: "2031-03-31", to: "2031-03-01" }))).code).toBe("BAD_REQUEST");
    expect((await trpcFailure(caller.reports.setMealAllowance({ effectiveMonth: "2031-03", amount: 1.5 }))).code).toBe("BAD_REQUEST");
    expect((await trpcFailure(caller.reports.setMealAllowance({ effectiveMonth: "2031-03", amount: -1 }))).code).toBe("BAD_REQUEST");

    await caller.reports.setMealAllowance({ effectiveMonth: "2031-03", amount: 10_000 });
    const setting = await caller.reports.mealAllowance({ month: "2031-05" });
    expect(setting.current).toEqual({ amount: 10_000n, effectiveMonth: "2031-03", isDefault: false });
    const tax = await caller.reports.tax({ month: "2031-03" });
    expect(tax.total).toMatchObject({ net: 24_500n, taxFree: 10_000n + 9_000n + 2_500n, taxable: 3_000n });
    expect(tax.overCap).toBe(1);
    const [audit] = await database.sql`select actor_id from audit_log where action = 'meal_allowance.set'`;
    expect(audit?.actor_id).toBe(hr.id);
  });

  it("exports the settlement as a CSV with a BOM and Korean headers, and as a workbook Excel opens", async () => {
    const csv = await handleSettlementExport(url("settlement", "month=2031-03&format=csv"), files(hr));
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="voucher-settlement-2031-03.csv"');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
    expect(lines[0]).toBe("일자,매장,부서,건수,결제액,환불액,정산액");
    expect(lines.filter((line) => line.startsWith("2031-03-11,본사 카페,"))).toEqual([expect.stringMatching(/,1,8000,2500,5500$/)]);
    expect(lines).toContain("매장 합계,본사 카페,,3,18000,2500,15500");
    expect(lines).toContain("매장 합계,식당,,1,9000,0,9000");
    expect(lines.at(-1)).toBe("총계,,,4,27000,2500,24500");

    const workbook = await workbookOf(await handleSettlementExport(url("settlement", "month=2031-03&format=xlsx"), files(hr)));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["매장별 정산", "일별", "부서별", "상세"]);
    expect(rowsOf(workbook.getWorksheet("매장별 정산"))).toEqual([
      ["매장", "건수", "결제액", "환불액", "정산액"],
      ["식당", 1, 9000, 0, 9000],
      ["본사 카페", 3, 18000, 2500, 15500],
      ["총계", 4, 27000, 2500, 24500],
    ]);
    // Every day of the month for each store, then the store's total.
    expect(rowsOf(workbook.getWorksheet("일별"))).toHaveLength(1 + 2 * 32);

    const english = new TextDecoder().decode(new Uint8Array(await (await handleSettlementExport(url("settlement", "month=2031-03&format=csv&lang=en"), files(hr))).arrayBuffer()));
    expect(english).toContain("date,store,department,uses,paid,refunded,net_owed");
    expect((await handleSettlementExport(url("settlement", "month=March&format=csv"), files(hr))).status).toBe(400);
  });

  it("exports the tax split per employee for payroll", async () => {
    const csv = await handleTaxExport(url("tax", "month=2031-03&format=csv"), files(hr));
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
    expect(lines[0]).toBe("귀속월,사번,이름,부서,이메일,사용 건수,식권 사용액,환불액,순사용액,월 비과세 한도,비과세,과세");
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines.find((line) => line.includes("employee01@canteen.dev"))).toMatch(/^2031-03,.*,2,15500,2500,13000,10000,10000,3000$/);

    const workbook = await workbookOf(await handleTaxExport(url("tax", "month=2031-03&format=xlsx"), files(hr)));
    const rows = rowsOf(workbook.worksheets[0]);
    expect(rows[0]?.slice(-3)).toEqual(["월 비과세 한도", "비과세", "과세"]);
    expect(rows.at(-1)).toEqual(["총계", "", "", "", "", 4, 27000, 2500, 24500, "", 21500, 3000]);
  });
});
