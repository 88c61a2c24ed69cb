import { csvBytes, wonCell, xlsxBytes, type Cell, type Sheet } from "@/server/files/table-file";
import type { Settlement } from "./settlement";
import type { TaxReport } from "./tax";

export type Language = "ko" | "en";

const WORDS = {
  ko: {
    day: "일자", store: "매장", department: "부서", uses: "건수", paid: "결제액", refunded: "환불액", net: "정산액",
    noDepartment: "부서 없음", storeTotal: "매장 합계", grandTotal: "총계",
    sheetStores: "매장별 정산", sheetDays: "일별", sheetDepartments: "부서별", sheetDetail: "상세",
    month: "귀속월", employeeNo: "사번", name: "이름", email: "이메일", taxUses: "사용 건수", used: "식권 사용액",
    netUsed: "순사용액", cap: "월 비과세 한도", taxFree: "비과세", taxable: "과세", sheetTax: "식대 과세 구분",
  },
  en: {
    day: "date", store: "store", department: "department", uses: "uses", paid: "paid", refunded: "refunded", net: "net_owed",
    noDepartment: "No department", storeTotal: "Store total", grandTotal: "Total",
    sheetStores: "By store", sheetDays: "By day", sheetDepartments: "By department", sheetDetail: "Detail",
    month: "month", employeeNo: "employee_no", name: "name", email: "email", taxUses: "uses", used: "voucher_used",
    netUsed: "net_used", cap: "monthly_tax_free_cap", taxFree: "tax_free", taxable: "taxable", sheetTax: "Meal allowance",
  },
} as const;

const figures = (cell: { uses: number; paid: bigint; refunded: bigint; net: bigint }): Cell[] => [cell.uses, wonCell(cell.paid), wonCell(cell.refunded), wonCell(cell.net)];

/** The month at day × store × department, then each store's total and the grand total. */
function settlementDetailTable(report: Settlement, language: Language) {
  const w = WORDS[language];
  const ko = language === "ko";
  const header = [w.day, w.store, w.department, w.uses, w.paid, w.refunded, w.net];
  const rows: Cell[][] = report.detail.map((row) => [
    row.day,
    ko ? row.storeKo : row.storeEn,
    (ko ? row.departmentKo : row.departmentEn) ?? w.noDepartment,
    ...figures(row),
  ]);
  const totals: Cell[][] = [
    ...report.stores.map((store) => [w.storeTotal, ko ? store.nameKo : store.nameEn, "", ...figures(store.total)]),
    [w.grandTotal, "", "", ...figures(report.total)],
  ];
  return { header, rows, totals };
}

export function settlementCsv(report: Settlement, language: Language = "ko"): Uint8Array {
  const { header, rows, totals } = settlementDetailTable(report, language);
  return csvBytes([header, ...rows, ...totals]);
}

export function settlementXlsx(report: Settlement, language: Language = "ko"): Promise<Uint8Array> {
  const w = WORDS[language];
  const ko = language === "ko";
  const detail = settlementDetailTable(report, language);
  const money = [3, 4, 5, 6];
  const sheets: Sheet[] = [
    {
      name: w.sheetStores,
      headers: [w.store, w.uses, w.paid, w.refunded, w.net],
      rows: [...report.stores.map((store) => [ko ? store.nameKo : store.nameEn, ...figures(store.total)]), [w.grandTotal, ...figures(report.total)]],
      widths: [20, 10, 16, 16, 16],
      numberColumns: [1, 2, 3, 4],
      boldLastRows: 1,
    },
    {
      name: w.sheetDays,
      headers: [w.day, w.store, w.uses, w.paid, w.refunded, w.net],
      rows: report.stores.flatMap((store) => [
        ...store.days.map((day) => [day.day, ko ? store.nameKo : store.nameEn, ...figures(day)]),
        [w.storeTotal, ko ? store.nameKo : store.nameEn, ...figures(store.total)],
      ]),
      widths: [12, 20, 10, 16, 16, 16],
      numberColumns: [2, 3, 4, 5],
    },
    {
      name: w.sheetDepartments,
      headers: [w.store, w.department, w.uses, w.paid, w.refunded, w.net],
      rows: report.stores.flatMap((store) => [
        ...store.departments.map((department) => [ko ? store.nameKo : store.nameEn, (ko ? department.nameKo : department.nameEn) ?? w.noDepartment, ...figures(department)]),
        [ko ? store.nameKo : store.nameEn, w.storeTotal, ...figures(store.total)],
      ]),
      widths: [20, 20, 10, 16, 16, 16],
      numberColumns: [2, 3, 4, 5],
    },
    {
      name: w.sheetDetail,
      headers: detail.header,
      rows: [...detail.rows, ...detail.totals],
      widths: [12, 20, 20, 10, 16, 16, 16],
      numberColumns: money,
      boldLastRows: detail.totals.length,
    },
  ];
  return xlsxBytes(sheets);
}

function taxTable(report: TaxReport, language: Language) {
  const w = WORDS[language];
  const ko = language === "ko";
  const cap = wonCell(report.allowance.amount);
  const header = [w.month, w.employeeNo, w.name, w.department, w.email, w.taxUses, w.used, w.refunded, w.netUsed, w.cap, w.taxFree, w.taxable];
  const rows: Cell[][] = report.employees.map((row) => [
    report.month,
    row.employeeNo ?? "",
    row.name,
    (ko ? row.departmentKo : row.departmentEn) ?? "",
    row.email,
    row.uses,
    wonCell(row.paid),
    wonCell(row.refunded),
    wonCell(row.net),
    cap,
    wonCell(row.taxFree),
    wonCell(row.taxable),
  ]);
  const total: Cell[] = [w.grandTotal, "", "", "", "", report.employees.reduce((n, row) => n + row.uses, 0), wonCell(report.total.paid), wonCell(report.total.refunded), wonCell(report.total.net), "", wonCell(report.total.taxFree), wonCell(report.total.taxable)];
  return { header, rows, total };
}

export function taxCsv(report: TaxReport, language: Language = "ko"): Uint8Array {
  const { header, rows, total } = taxTable(report, language);
  return csvBytes([header, ...rows, total]);
}

export function taxXlsx(report: TaxReport, language: Language = "ko"): Promise<Uint8Array> {
  const { header, rows, total } = taxTable(report, language);
  return xlsxBytes([
    {
      name: WORDS[language].sheetTax,
      headers: header,
      rows: [...rows, total],
      widths: [10, 12, 14, 16, 28, 10, 14, 12, 14, 14, 14, 14],
      numberColumns: [5, 6, 7, 8, 9, 10, 11],
      boldLastRows: 1,
    },
  ]);
}
