import { readFile } from "node:fs/promises";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "@/db/seed";
import { accounts, auditLog, departments, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { errorOf } from "@/test/helpers";
import { asCsv, generatedEmployees } from "@/test/people-files";
import { DomainError } from "../../errors";
import { confirmImport } from "./confirm";
import { planImport } from "./plan";
import { readImportFile } from "./read-file";

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);

// Lines as the admin's editor numbers them; the comments say what each one must produce.
const MIXED = [
  "사번,이름,이메일,부서,입사일", //                                   1 header
  "N3001,새직원,new1@canteen.dev,개발팀,2025-01-02", //               2 create
  "N3002,메일오류,not-an-email,개발팀,", //                           3 bad e-mail
  "", //                                                               4 empty, ignored
  "N3003,중복 가,dup-a@canteen.dev,eng,", //                          5 duplicate number in file (with 7)
  "E1001,김민준,employee01@canteen.dev,디자인팀,2015-01-01", //       6 change: department
  "N3003,중복 나,dup-b@canteen.dev,eng,", //                          7 duplicate number in file (with 5)
  "N3004,다른사람,employee02@canteen.dev,,", //                       8 e-mail belongs to E1002
  "N3005,부서없음,n5@canteen.dev,우주팀,", //                          9 unknown department
  ",번호없음,n6@canteen.dev,,", //                                    10 missing employee no.
  ",,,,", //                                                           11 blank cells, ignored
  "E1002,이지민,employee03@canteen.dev,,", //                         12 number of E1002 with E1003's e-mail
  'N3007,"Kim, Quoted",N7@Canteen.dev,People,20240101', //            13 create, department by English name
  "N3008,칸초과,n8@canteen.dev,eng,2024-01-01,surplus", //            14 one cell too many
  "E1004,최시우,employee04@canteen.dev,영업팀,2018-04-01", //         15 unchanged
  "N3009,날짜오류,n9@canteen.dev,eng,2024-02-30", //                  16 impossible date
].join("\r\n");

describe("employee import", () => {
  let database: TestDatabase;
  let hrId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
    const [hr] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@canteen.dev"));
    if (!hr) throw new Error("no hr");
    hrId = hr.id;
  });
  afterAll(() => database.close());

  const preview = async (fileName: string, bytes: Uint8Array) =>
    planImport({ tx: database.db, input: await readImportFile({ fileName, bytes }) });
  const confirm = async (fileName: string, bytes: Uint8Array, fingerprint: string) =>
    database.db.transaction(async (tx) =>
      confirmImport({ tx, input: { file: await readImportFile({ fileName, bytes }), fingerprint, actorId: hrId, fileName, fileSha256: "test" } }),
    );

  it("previews a mixed CSV with every problem on its own line", async () => {
    const plan = await preview("mixed.csv", withBom(MIXED));
    expect(plan.fileProblems).toEqual([]);
    expect(plan.encoding).toBe("utf-8");
    const byLine = new Map(plan.rows.map((row) => [row.line, row]));
    const codes = (line: number) => byLine.get(line)?.problems.map((problem) => problem.code) ?? [];

    expect(byLine.get(2)?.action).toBe("create");
    expect(codes(3)).toEqual(["emailInvalid"]);
    expect(byLine.has(4)).toBe(false);
    expect(codes(5)).toEqual(["duplicateEmployeeNoInFile"]);
    expect(byLine.get(5)?.problems[0]?.params).toMatchObject({ value: "N3003", lines: "7" });
    expect(codes(7)).toEqual(["duplicateEmployeeNoInFile"]);
    expect(byLine.get(6)).toMatchObject({ action: "update", changes: [{ field: "department", from: "경영지원팀", to: "디자인팀" }] });
    expect(codes(8)).toEqual(["emailTaken"]);
    expect(byLine.get(8)?.problems[0]?.params).toMatchObject({ employeeNo: "E1002" });
    expect(codes(9)).toEqual(["departmentUnknown"]);
    expect(byLine.get(10)?.problems).toEqual([{ field: "employeeNo", code: "required" }]);
    expect(byLine.has(11)).toBe(false);
    expect(codes(12)).toEqual(["employeeNoTaken", "emailTaken"]);
    expect(byLine.get(13)).toMatchObject({ action: "create", name: "Kim, Quoted", email: "n7@canteen.dev" });
    expect(byLine.get(13)?.changes).toContainEqual({ field: "hiredOn", from: null, to: "2024-01-01" });
    expect(codes(14)).toEqual(["tooManyCells"]);
    expect(byLine.has(15)).toBe(false);
    expect(codes(16)).toEqual(["hiredOnInvalid"]);
    expect(plan.counts).toEqual({ rows: 13, create: 2, update: 1, unchanged: 1, error: 9, emptyLines: 2 });

    // A preview writes nothing.
    expect(await database.db.select().from(users).where(eq(users.employeeNo, "N3001"))).toHaveLength(0);
  });

  it("refuses a file whose header it cannot map, naming the columns", async () => {
    const plan = await preview("wrong.csv", utf8("name,email,phone\n홍길동,hong@canteen.dev,010-1234-5678\n"));
    expect(plan.fileProblems).toEqual([
      { line: 1, code: "unknownColumn", params: { column: "phone" } },
      { line: 1, code: "missingColumn", params: { field: "employeeNo" } },
    ]);
    expect(plan.rows).toEqual([]);
    await expect(errorOf(confirm("wrong.csv", utf8("name,email,phone\n"), plan.fingerprint))).resolves.toMatchObject({ messageKey: "employeeImportFileInvalid" });
  });

  it("confirms only the valid rows in one go, then a second import of the same file changes nothing", async () => {
    const bytes = withBom(MIXED);
    const plan = await preview("mixed.csv", bytes);
    const result = await confirm("mixed.csv", bytes, plan.fingerprint);
    expect(result).toEqual({ created: 2, updated: 1, unchanged: 1, skipped: 9 });

    const created = await database.db
      .select({ id: users.id, employeeNo: users.employeeNo, name: users.name, role: users.role, status: users.status, passwordHash: users.passwordHash, hiredOn: users.hiredOn })
      .from(users)
      .where(inArray(users.employeeNo, ["N3001", "N3002", "N3003", "N3004", "N3005", "N3007", "N3008", "N3009"]));
    expect(created.map((row) => row.employeeNo).sort()).toEqual(["N3001", "N3007"]);
    expect(created.every((row) => row.role === "employee" && row.status === "active" && row.passwordHash === null)).toBe(true);
    const wallets = await database.db.select().from(accounts).where(inArray(accounts.userId, created.map((row) => row.id)));
    expect(wallets.filter((wallet) => wallet.kind === "employee_wallet")).toHaveLength(2);

    const [design] = await database.db.select().from(departments).where(eq(departments.code, "design"));
    const [e1001] = await database.db.select().from(users).where(eq(users.employeeNo, "E1001"));
    expect(e1001?.departmentId).toBe(design?.id);

    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, "employees.import"));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.after).toMatchObject({ created: 2, updated: 1, skipped: 9, createdEmployeeNos: ["N3001", "N3007"], updatedEmployeeNos: ["E1001"] });

    const again = await preview("mixed.csv", bytes);
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 4 });
    expect(await confirm("mixed.csv", bytes, again.fingerprint)).toEqual({ created: 0, updated: 0, unchanged: 4, skipped: 9 });
  });

  it("refuses a stale preview and writes none of it", async () => {
    const bytes = utf8("employee_no,name,email,department\nS4001,First,s4001@canteen.dev,eng\nS4002,Second,s4002@canteen.dev,eng\n");
    const plan = await preview("stale.csv", bytes);
    expect(plan.counts.create).toBe(2);
    // Someone takes the second e-mail between the preview and the confirm.
    await database.db.insert(users).values({ email: "s4002@canteen.dev", name: "Early bird", role: "employee", employeeNo: "S4999" });
    const failure = await errorOf(confirm("stale.csv", bytes, plan.fingerprint));
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({ messageKey: "employeeImportStale" });
    expect(await database.db.select().from(users).where(eq(users.employeeNo, "S4001"))).toHaveLength(0);
  });

  it("reads a CP949 (EUC-KR) CSV from Korean Excel with its Korean names intact", async () => {
    const bytes = new Uint8Array(await readFile(path.join(import.meta.dirname, "../../../../test/fixtures/people/employees-cp949.csv")));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const plan = await preview("employees-cp949.csv", bytes);
    expect(plan.encoding).toBe("euc-kr");
    expect(plan.fileProblems).toEqual([]);
    expect(plan.rows.map((row) => [row.line, row.action, row.name])).toEqual([
      [2, "create", "김민준"],
      [3, "create", "이서연"],
      [4, "create", "박지훈"],
      [5, "create", "최예린"],
    ]);
    await confirm("employees-cp949.csv", bytes, plan.fingerprint);
    const stored = await database.db.select({ name: users.name, hiredOn: users.hiredOn }).from(users).where(inArray(users.employeeNo, ["K2001", "K2002", "K2004"]));
    expect(stored.map((row) => row.name).sort()).toEqual(["김민준", "이서연", "최예린"]);
    expect(stored.map((row) => row.hiredOn).sort()).toEqual(["2023-11-20", "2024-03-02", "2025-01-06"]);
  });

  it("takes English headers, UTF-8 without a BOM, tabs, and a quoted cell spanning lines", async () => {
    const plan = await preview(
      "tabs.tsv.csv",
      utf8('Employee No.\tName\tE-mail\tDept\tHire date\nT5001\t"Two\nLines"\tt5001@canteen.dev\tSales\t2024. 3. 2.\nT5001x\tBad\tbad@\tSales\t\n'),
    );
    expect(plan.fileProblems).toEqual([]);
    expect(plan.rows.map((row) => [row.line, row.action])).toEqual([
      [2, "create"],
      [4, "error"],
    ]);
    expect(plan.rows[0]?.changes).toContainEqual({ field: "hiredOn", from: null, to: "2024-03-02" });
  });

  it("previews and confirms 10,000 rows, printing how long each step takes", { timeout: 120_000 }, async () => {
    const bytes = asCsv(generatedEmployees(10_000, "M"));
    let started = performance.now();
    const plan = await preview("big.csv", bytes);
    const previewMs = performance.now() - started;
    expect(plan.counts).toMatchObject({ rows: 10_000, create: 10_000, error: 0 });
    started = performance.now();
    expect(await confirm("big.csv", bytes, plan.fingerprint)).toMatchObject({ created: 10_000 });
    const confirmMs = performance.now() - started;
    started = performance.now();
    const again = await preview("big.csv", bytes);
    expect(await confirm("big.csv", bytes, again.fingerprint)).toMatchObject({ created: 0, updated: 0, unchanged: 10_000 });
    const rerunMs = performance.now() - started;
    console.log(`10,000-row CSV import: preview ${previewMs.toFixed(0)} ms, confirm ${confirmMs.toFixed(0)} ms, re-import ${rerunMs.toFixed(0)} ms`);
    const [stored] = (await database.sql`select count(*)::int as n from users u join accounts a on a.user_id = u.id and a.kind = 'employee_wallet' where u.employee_no like 'M%'`) as unknown as { n: number }[];
    expect(stored?.n).toBe(10_000);
    // Generous bounds for two shared cores; the figures above are what matters.
    expect(previewMs + confirmMs).toBeLessThan(60_000);
  });
});
