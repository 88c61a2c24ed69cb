import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, auditLog, departments, ledgerTransfers, users, voucherGrants } from "@/db/schema";
import type { SessionUser } from "@/server/auth/roles";
import { firstId, lockAccounts } from "@/server/domain/ledger/accounts";
import { postTransfer } from "@/server/domain/ledger/post-transfer";
import { verifyLedger } from "@/server/domain/ledger/verify";
import { handleEmployeeExport, handleEmployeeImport } from "@/server/people/employee-files";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { sessionOf, trpcFailure as failure } from "@/test/helpers";
import { moneyWorld } from "@/test/money-fixtures";
import { createInnerContext } from "../init";
import { createCaller } from "../root";

const DAY = 24 * 60 * 60 * 1000;

describe("HR manages employees", () => {
  let database: TestDatabase;
  let world: Awaited<ReturnType<typeof moneyWorld>>;
  let hr: SessionUser;
  let manager: SessionUser;
  let employee: SessionUser;
  let engineering: string;
  const api = (session: SessionUser) => createCaller(createInnerContext({ db: database.db, session }));
  const files = (session: SessionUser | null) => ({ db: database.db, session, requestId: "test" });
  const upload = (bytes: Uint8Array, fileName: string, fields: Record<string, string>, headers: Record<string, string> = { "x-canteen-upload": "1", origin: "http://localhost" }) => {
    const form = new FormData();
    form.set("file", new File([bytes as BlobPart], fileName));
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    return new Request("http://localhost/api/admin/employees/import", { method: "POST", body: form, headers });
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    hr = await sessionOf(database.db, "hr@canteen.dev");
    manager = await sessionOf(database.db, "manager@canteen.dev");
    employee = await sessionOf(database.db, "employee05@canteen.dev");
    const [eng] = await database.db.select().from(departments).where(eq(departments.code, "eng"));
    if (!eng) throw new Error("no eng");
    engineering = eng.id;
  });
  afterAll(() => database.close());

  it("adds and edits an employee, refusing a taken e-mail or number on its field and malformed input in the admin's words", async () => {
    const { id } = await api(hr).people.createEmployee({ name: " 송하늘 ", email: "Haneul.Song@Canteen.dev", employeeNo: "H7001", departmentId: engineering, hiredOn: "2026-11-02" });
    const created = await api(hr).people.employee({ id });
    expect(created).toMatchObject({ name: "송하늘", email: "haneul.song@canteen.dev", employeeNo: "H7001", status: "active", walletBalance: 0n });

    const taken = await failure(api(hr).people.createEmployee({ name: "누군가", email: "employee01@canteen.dev", employeeNo: "H7002", departmentId: null, hiredOn: null }));
    expect(taken.code).toBe("CONFLICT");
    expect(taken.cause).toMatchObject({ messageKey: "employeeEmailTaken", details: { field: "email" } });
    const numberTaken = await failure(api(hr).people.updateEmployee({ id, name: "송하늘", email: "haneul.song@canteen.dev", employeeNo: "E1001", departmentId: null, hiredOn: null }));
    expect(numberTaken.cause).toMatchObject({ messageKey: "employeeNoTaken", details: { field: "employeeNo" } });

    const malformed = await failure(api(hr).people.createEmployee({ name: "", email: "nope", employeeNo: "a b", departmentId: null, hiredOn: "2026-02-30" }));
    expect(malformed.code).toBe("BAD_REQUEST");

    await api(hr).people.updateEmployee({ id, name: "송하늘", email: "haneul@canteen.dev", employeeNo: "H7001", departmentId: null, hiredOn: "2026-11-03" });
    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, "employee.update"), eq(auditLog.entityId, id)));
    expect(audit?.before).toMatchObject({ email: "haneul.song@canteen.dev", departmentId: engineering, hiredOn: "2026-11-02" });
    expect(audit?.after).toMatchObject({ email: "haneul@canteen.dev", departmentId: null, hiredOn: "2026-11-03" });
  });

  it("suspends and reactivates; a suspended employee cannot sign in", async () => {
    const target = await world.employee(20);
    await api(hr).people.setSuspended({ id: target, suspended: true });
    await expect(sessionOf(database.db, "employee20@canteen.dev")).rejects.toThrow();
    await api(hr).people.setSuspended({ id: target, suspended: false });
    await expect(sessionOf(database.db, "employee20@canteen.dev")).resolves.toMatchObject({ id: target });
    const actions = await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, target));
    expect(actions.map((row) => row.action)).toEqual(["employee.suspend", "employee.reactivate"]);
  });

  it("marks a leaver: untouched future vouchers go back to the budget through the ledger, the wallet is reported for refund", async () => {
    const leaver = await world.employee(30);
    await world.fund(leaver, 12_300n);
    const now = Date.now();
    const at = (days: number) => new Date(now + days * DAY);
    const past = await world.lunch(leaver, { validFrom: at(-1), validUntil: at(5) });
    const future1 = await world.lunch(leaver, { validFrom: at(1), validUntil: at(2) });
    const future2 = await world.lunch(leaver, { validFrom: at(2), validUntil: at(3), amount: 8000n });
    const touched = await world.lunch(leaver, { validFrom: at(3), validUntil: at(4) });
    // A future grant someone already took value from is left alone.
    await database.db.transaction(async (tx) => {
      const { systemIds } = await lockAccounts(tx, [touched.accountId], [{ kind: "voucher_budget", storeId: null }]);
      await postTransfer(tx, { kind: "adjustment", entries: [{ accountId: touched.accountId, amount: -1000n }, { accountId: firstId(systemIds), amount: 1000n }] });
    });

    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul" }).format(new Date(now));
    const tomorrow = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul" }).format(at(1));
    const future = await failure(api(hr).people.markLeft({ id: leaver, leftOn: tomorrow, idempotencyKey: "leave-future-1" }));
    expect(future.cause).toMatchObject({ messageKey: "employeeLeaveInFuture" });

    const result = await api(hr).people.markLeft({ id: leaver, leftOn: today, idempotencyKey: "leave-30-0001" });
    expect(result).toMatchObject({ revokedGrants: 2, revokedAmount: 17_000n, walletBalance: 12_300n });
    // The same key again moves nothing and answers the same.
    expect(await api(hr).people.markLeft({ id: leaver, leftOn: today, idempotencyKey: "leave-30-0001" })).toEqual(result);

    const grants = await database.db.select({ id: voucherGrants.id, status: voucherGrants.status, balance: accounts.balance }).from(voucherGrants)
      .innerJoin(accounts, eq(accounts.grantId, voucherGrants.id)).where(eq(voucherGrants.employeeId, leaver));
    const byId = new Map(grants.map((grant) => [grant.id, grant]));
    expect(byId.get(future1.id)).toMatchObject({ status: "revoked", balance: 0n });
    expect(byId.get(future2.id)).toMatchObject({ status: "revoked", balance: 0n });
    expect(byId.get(past.id)).toMatchObject({ status: "active", balance: 9000n });
    expect(byId.get(touched.id)).toMatchObject({ status: "active", balance: 8000n });
    expect(await database.db.select().from(ledgerTransfers).where(eq(ledgerTransfers.kind, "voucher_revoke"))).toHaveLength(1);
    const ledger = await verifyLedger(database.db);
    expect(ledger.checks.filter((check) => check.breaches > 0)).toEqual([]);

    const [row] = await database.db.select({ status: users.status }).from(users).where(eq(users.id, leaver));
    expect(row?.status).toBe("left");
    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, "employee.leave"), eq(auditLog.entityId, leaver)));
    expect(audit?.after).toMatchObject({ status: "left", leftOn: today, revokedGrants: 2, revokedAmount: "17000", walletBalance: "12300" });
    expect((await failure(api(hr).people.markLeft({ id: leaver, leftOn: today, idempotencyKey: "leave-30-0002" }))).cause).toMatchObject({ messageKey: "employeeAlreadyLeft" });
    expect((await failure(api(hr).people.setSuspended({ id: leaver, suspended: false }))).cause).toMatchObject({ messageKey: "employeeHasLeft" });
  });

  it("shows wallet and this month's vouchers (granted and used) in the table", async () => {
    const someone = await world.employee(40);
    await world.fund(someone, 5_000n);
    await world.lunch(someone, { validFrom: new Date(Date.now() - DAY / 24), validUntil: new Date(Date.now() + DAY) });
    const page = await api(hr).people.listEmployees({ search: "E1040" });
    expect(page.rows).toEqual([expect.objectContaining({ employeeNo: "E1040", walletBalance: 5_000n, vouchersGranted: 9_000n, vouchersUsed: 0n })]);
  });

  it("exports the filtered table as CSV (UTF-8 BOM, Korean headers) and XLSX that imports back unchanged", async () => {
    const csv = await handleEmployeeExport(new Request(`http://localhost/api/admin/employees/export?format=csv&department=${engineering}`), files(hr));
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="employees-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
    expect(lines[0]).toBe("사번,이름,이메일,부서,입사일,상태,지갑 잔액,이번 달 지급,이번 달 사용");
    expect(lines).toHaveLength(1 + 10);
    expect(lines.slice(1).every((line) => line.includes(",개발팀,"))).toBe(true);

    const xlsx = await handleEmployeeExport(new Request("http://localhost/api/admin/employees/export?format=xlsx"), files(hr));
    const workbook = new ExcelJS.Workbook();
    const xlsxBytes = new Uint8Array(await xlsx.arrayBuffer());
    await workbook.xlsx.load(Buffer.from(xlsxBytes) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    expect(sheet.getRow(1).values).toEqual([undefined, "사번", "이름", "이메일", "부서", "입사일", "상태", "지갑 잔액", "이번 달 지급", "이번 달 사용"]);
    const total = (await database.db.select({ id: users.id }).from(users).where(eq(users.role, "employee"))).length;
    expect(sheet.actualRowCount).toBe(1 + total);

    const preview = await handleEmployeeImport(upload(xlsxBytes, "employees.xlsx", { mode: "preview" }), files(hr));
    const plan = (await preview.json()) as { counts: Record<string, number>; ignoredColumns: string[]; fileProblems: unknown[] };
    expect(plan.fileProblems).toEqual([]);
    expect(plan.ignoredColumns).toEqual(["상태", "지갑 잔액", "이번 달 지급", "이번 달 사용"]);
    expect(plan.counts).toMatchObject({ rows: total, create: 0, update: 0, unchanged: total, error: 0 });

    // An edited sheet comes back as exactly that change.
    sheet.getRow(2).getCell(2).value = "바뀐이름";
    const edited = new Uint8Array(await workbook.xlsx.writeBuffer());
    const editedPlan = (await (await handleEmployeeImport(upload(edited, "edited.xlsx", { mode: "preview" }), files(hr))).json()) as { counts: Record<string, number>; rows: { line: number; changes: unknown[] }[]; fingerprint: string };
    expect(editedPlan.counts).toMatchObject({ update: 1, unchanged: total - 1 });
    expect(editedPlan.rows[0]).toMatchObject({ line: 2, changes: [expect.objectContaining({ field: "name", to: "바뀐이름" })] });
    const confirmed = await handleEmployeeImport(upload(edited, "edited.xlsx", { mode: "confirm", fingerprint: editedPlan.fingerprint }), files(hr));
    expect(await confirmed.json()).toEqual({ created: 0, updated: 1, unchanged: total - 1, skipped: 0 });
  });

  it("lets only HR admins manage, import or export employees", async () => {
    for (const session of [manager, employee]) {
      expect((await failure(api(session).people.listEmployees({}))).code).toBe("FORBIDDEN");
      expect((await failure(api(session).people.createEmployee({ name: "x", email: "x@canteen.dev", employeeNo: "X1", departmentId: null, hiredOn: null }))).code).toBe("FORBIDDEN");
      expect((await failure(api(session).people.setSuspended({ id: session.id, suspended: true }))).code).toBe("FORBIDDEN");
      expect((await failure(api(session).people.markLeft({ id: session.id, leftOn: "2026-01-01", idempotencyKey: "someone-else" }))).code).toBe("FORBIDDEN");
      const csv = new TextEncoder().encode("사번,이름,이메일\nZ9001,몰래,sneaky@canteen.dev\n");
      expect((await handleEmployeeImport(upload(csv, "x.csv", { mode: "preview" }), files(session))).status).toBe(403);
      expect((await handleEmployeeExport(new Request("http://localhost/api/admin/employees/export?format=csv"), files(session))).status).toBe(403);
    }
    expect((await handleEmployeeExport(new Request("http://localhost/api/admin/employees/export?format=csv"), files(null))).status).toBe(401);
    // A cross-site form post (no custom header, foreign origin) is refused even for HR.
    const csv = new TextEncoder().encode("사번,이름,이메일\nZ9001,몰래,sneaky@canteen.dev\n");
    expect((await handleEmployeeImport(upload(csv, "x.csv", { mode: "preview" }, { origin: "https://evil.example" }), files(hr))).status).toBe(403);
    expect((await handleEmployeeImport(upload(csv, "x.csv", { mode: "preview" }, { "x-canteen-upload": "1", origin: "https://evil.example" }), files(hr))).status).toBe(403);
    expect(await database.db.select().from(users).where(eq(users.employeeNo, "Z9001"))).toHaveLength(0);
  });
});
