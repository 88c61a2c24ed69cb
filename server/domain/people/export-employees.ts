import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { departments, users } from "@/db/schema";
import { csvBytes, xlsxBytes } from "@/server/files/table-file";
import { employeeColumns, employeeFigures, employeeFilter, employeeOrder, type ListEmployeesInput } from "./list-employees";

/** More than any company this app serves; a runaway export stops here instead of exhausting memory. */
export const EXPORT_LIMIT = 100_000;

type ExportInput = Omit<ListEmployeesInput, "page" | "pageSize">;

// Korean headers that the importer reads back (the figures columns it knows to skip).
const HEADERS = {
  ko: ["사번", "이름", "이메일", "부서", "입사일", "상태", "지갑 잔액", "이번 달 지급", "이번 달 사용"],
  en: ["employee_no", "name", "email", "department", "hired_on", "status", "wallet_balance", "vouchers_granted", "vouchers_used"],
} as const;
const STATUS_TEXT = {
  ko: { active: "재직", suspended: "정지", left: "퇴사" },
  en: { active: "active", suspended: "suspended", left: "left" },
} as const;

/** The table under the current filters and sort, every page, with the same figures as the screen. */
export async function exportEmployeeRows(args: { tx: DbOrTx; input: ExportInput; now?: Date }) {
  const { tx, input } = args;
  const rows = await tx
    .select(employeeColumns)
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(employeeFilter(input))
    .orderBy(...employeeOrder(input))
    .limit(EXPORT_LIMIT);
  const figures = await employeeFigures(tx, rows.map((row) => row.id), args.now ?? new Date());
  return rows.map((row) => {
    const figure = figures.get(row.id);
    return { ...row, walletBalance: figure?.walletBalance ?? 0n, vouchersGranted: figure?.vouchersGranted ?? 0n, vouchersUsed: figure?.vouchersUsed ?? 0n };
  });
}

type ExportRow = Awaited<ReturnType<typeof exportEmployeeRows>>[number];
type Language = "ko" | "en";

function tableOf(rows: ExportRow[], language: Language): (string | number)[][] {
  return rows.map((row) => [
    row.employeeNo ?? "",
    row.name,
    row.email,
    (language === "ko" ? row.departmentKo : row.departmentEn) ?? "",
    row.hiredOn ?? "",
    STATUS_TEXT[language][row.status],
    // Won amounts of one person fit a double exactly; Excel needs numbers to sum them.
    Number(row.walletBalance),
    Number(row.vouchersGranted),
    Number(row.vouchersUsed),
  ]);
}

/** CSV that Excel opens correctly in Korean (UTF-8 with a BOM); see server/files/table-file.ts. */
export function employeesCsv(rows: ExportRow[], language: Language = "ko"): Uint8Array {
  return csvBytes([HEADERS[language], ...tableOf(rows, language)]);
}

export function employeesXlsx(rows: ExportRow[], language: Language = "ko"): Promise<Uint8Array> {
  return xlsxBytes([
    {
      name: language === "ko" ? "직원" : "Employees",
      headers: HEADERS[language],
      rows: tableOf(rows, language),
      widths: [12, 14, 30, 16, 12, 8, 14, 14, 14],
      numberColumns: [6, 7, 8],
    },
  ]);
}
