import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { settlementCsv, settlementXlsx, taxCsv, taxXlsx, type Language } from "@/server/domain/reports/export";
import { isoMonth } from "@/server/domain/reports/period";
import { monthlySettlement } from "@/server/domain/reports/settlement";
import { monthlyTaxReport } from "@/server/domain/reports/tax";
import { notHr, refuse, type FileContext } from "./hr-files";
import { attachment } from "./table-file";

const reportQuery = z.object({ month: isoMonth, format: z.enum(["csv", "xlsx"]), lang: z.enum(["ko", "en"]).default("ko") }).strict();

/** A GET route handler for one month of a report as CSV or XLSX, for HR only. */
function monthlyExport<Report>(spec: {
  load: (args: { tx: DbOrTx; input: { month: string } }) => Promise<Report>;
  csv: (report: Report, language: Language) => Uint8Array;
  xlsx: (report: Report, language: Language) => Promise<Uint8Array>;
  fileName: string;
}) {
  return async (request: Request, context: FileContext): Promise<Response> => {
    const denied = notHr(context);
    if (denied) return denied;
    const query = reportQuery.safeParse(Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== "")));
    if (!query.success) return refuse(400, "BAD_REQUEST", "reportExportBadRequest", context.requestId);
    const { month, format, lang } = query.data;
    const report = await spec.load({ tx: context.db, input: { month } });
    const body = format === "csv" ? spec.csv(report, lang) : await spec.xlsx(report, lang);
    return attachment(body, format, `${spec.fileName}-${month}.${format}`, context.requestId);
  };
}

/** GET /api/admin/reports/settlement?month=YYYY-MM&format=csv|xlsx: the month's settlement for finance. */
export const handleSettlementExport = monthlyExport({ load: monthlySettlement, csv: settlementCsv, xlsx: settlementXlsx, fileName: "voucher-settlement" });

/** GET /api/admin/reports/tax?month=YYYY-MM&format=csv|xlsx: per employee, tax-free and taxable meal allowance for payroll. */
export const handleTaxExport = monthlyExport({ load: monthlyTaxReport, csv: taxCsv, xlsx: taxXlsx, fileName: "meal-allowance-tax" });
