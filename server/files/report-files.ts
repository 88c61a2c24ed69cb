import { z } from "zod";
import { settlementCsv, settlementXlsx, taxCsv, taxXlsx } from "@/server/domain/reports/export";
import { isoMonth } from "@/server/domain/reports/period";
import { monthlySettlement } from "@/server/domain/reports/settlement";
import { monthlyTaxReport } from "@/server/domain/reports/tax";
import { notHr, refuse, type FileContext } from "./hr-files";
import { attachment } from "./table-file";

const reportQuery = z.object({ month: isoMonth, format: z.enum(["csv", "xlsx"]), lang: z.enum(["ko", "en"]).default("ko") }).strict();

function parse(request: Request) {
  return reportQuery.safeParse(Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== "")));
}

/** GET /api/admin/reports/settlement?month=YYYY-MM&format=csv|xlsx: the month's settlement for finance. */
export async function handleSettlementExport(request: Request, context: FileContext): Promise<Response> {
  const denied = notHr(context);
  if (denied) return denied;
  const query = parse(request);
  if (!query.success) return refuse(400, "BAD_REQUEST", "reportExportBadRequest", context.requestId);
  const { month, format, lang } = query.data;
  const report = await monthlySettlement({ tx: context.db, input: { month } });
  const body = format === "csv" ? settlementCsv(report, lang) : await settlementXlsx(report, lang);
  return attachment(body, format, `voucher-settlement-${month}.${format}`, context.requestId);
}

/** GET /api/admin/reports/tax?month=YYYY-MM&format=csv|xlsx: per employee, tax-free and taxable meal allowance for payroll. */
export async function handleTaxExport(request: Request, context: FileContext): Promise<Response> {
  const denied = notHr(context);
  if (denied) return denied;
  const query = parse(request);
  if (!query.success) return refuse(400, "BAD_REQUEST", "reportExportBadRequest", context.requestId);
  const { month, format, lang } = query.data;
  const report = await monthlyTaxReport({ tx: context.db, input: { month } });
  const body = format === "csv" ? taxCsv(report, lang) : await taxXlsx(report, lang);
  return attachment(body, format, `meal-allowance-tax-${month}.${format}`, context.requestId);
}
