import { getLocale, getTranslations } from "next-intl/server";
import { AllowanceForm } from "@/components/admin/reports/allowance-form";
import { monthFrom } from "@/components/admin/reports/period";
import { MonthBar, StatCard } from "@/components/admin/reports/report-controls";
import { requireHr } from "@/components/admin/vouchers/hr-page";
import { toLocale } from "@/i18n/locales";
import { formatWon } from "@/lib/money";
import { previousMonth } from "@/server/domain/reports/period";
import { serverApi } from "@/server/trpc/server";

const th = "px-4 py-2.5 font-medium";
const td = "tabular px-4 py-2 text-right";

export default async function TaxReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { today } = await requireHr();
  // Payroll closes the month that just ended.
  const month = monthFrom(await searchParams, previousMonth(today.slice(0, 7)));
  const api = await serverApi();
  const [report, allowance, t, locale] = await Promise.all([
    api.reports.tax({ month }),
    api.reports.mealAllowance({ month }),
    getTranslations("reports"),
    getLocale().then(toLocale),
  ]);
  const won = (amount: bigint) => formatWon(amount, locale);

  return (
    <div className="mx-auto max-w-6xl space-y-5">
      <header>
        <h1 className="text-2xl font-bold">{t("taxTitle")}</h1>
        <p className="mt-1 text-sm text-muted">{t("taxSubtitle")}</p>
      </header>
      <MonthBar month={month} label={t("taxMonth")} exportPath="/api/admin/reports/tax" locale={locale} />

      <div className="grid grid-cols-3 gap-4">
        <section className="rounded-xl border border-line bg-white px-5 py-4" data-testid="allowance">
          <p className="text-sm font-medium text-muted">{t("allowanceTitle")}</p>
          <p className="tabular mt-1 text-2xl font-bold" data-testid="allowance-amount">{won(report.allowance.amount)}</p>
          <p className="mt-1 text-xs text-muted">
            {report.allowance.effectiveMonth ? t("allowanceFrom", { month: report.allowance.effectiveMonth }) : t("allowanceDefault")}
          </p>
          <AllowanceForm month={month} amount={report.allowance.amount.toString()} />
          {allowance.history.length > 0 ? (
            <details className="mt-3 text-xs text-muted">
              <summary className="cursor-pointer">{t("allowanceHistory")}</summary>
              <ul className="mt-1 space-y-0.5">
                {allowance.history.map((row) => (
                  <li key={row.effectiveMonth} className="tabular">{t("allowanceFrom", { month: row.effectiveMonth })} · {won(row.amount)}</li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
        <div className="col-span-2 grid grid-cols-2 gap-4">
          <StatCard label={t("netUsed")} value={won(report.total.net)} note={t("employeesCount", { count: report.employees.length.toLocaleString(locale) })} testId="tax-net" />
          <StatCard label={t("overCap")} value={report.overCap.toLocaleString(locale)} testId="tax-over-cap" />
          <StatCard label={t("taxFree")} value={won(report.total.taxFree)} testId="tax-free" />
          <StatCard label={t("taxable")} value={won(report.total.taxable)} testId="tax-taxable" />
        </div>
      </div>

      {report.employees.length === 0 ? (
        <p className="rounded-xl border border-line bg-white py-16 text-center text-sm text-muted">{t("taxEmpty", { month })}</p>
      ) : (
        <section className="overflow-hidden rounded-xl border border-line bg-white">
          <table className="w-full text-left text-sm" data-testid="tax-table">
            <thead className="bg-canvas/60 text-muted">
              <tr>
                <th className={th}>{t("employeeNo")}</th>
                <th className={th}>{t("name")}</th>
                <th className={th}>{t("department")}</th>
                <th className={`${th} text-right`}>{t("uses")}</th>
                <th className={`${th} text-right`}>{t("paid")}</th>
                <th className={`${th} text-right`}>{t("refunded")}</th>
                <th className={`${th} text-right`}>{t("netUsed")}</th>
                <th className={`${th} text-right`}>{t("taxFree")}</th>
                <th className={`${th} text-right`}>{t("taxable")}</th>
              </tr>
            </thead>
            <tbody>
              {report.employees.map((row) => (
                <tr key={row.employeeId} className="border-t border-line">
                  <td className="tabular px-4 py-2 text-muted">{row.employeeNo ?? "—"}</td>
                  <td className="px-4 py-2 font-medium">{row.name}</td>
                  <td className="px-4 py-2 text-muted">{(locale === "ko" ? row.departmentKo : row.departmentEn) ?? t("noDepartment")}</td>
                  <td className={td}>{row.uses.toLocaleString(locale)}</td>
                  <td className={td}>{won(row.paid)}</td>
                  <td className={td}>{won(row.refunded)}</td>
                  <td className={`${td} font-semibold`}>{won(row.net)}</td>
                  <td className={td}>{won(row.taxFree)}</td>
                  <td className={`${td} ${row.taxable > 0n ? "font-semibold text-red-700" : ""}`}>{won(row.taxable)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t-2 border-line font-semibold">
              <tr>
                <td className="px-4 py-2.5" colSpan={4}>{t("total")}</td>
                <td className={td}>{won(report.total.paid)}</td>
                <td className={td}>{won(report.total.refunded)}</td>
                <td className={td}>{won(report.total.net)}</td>
                <td className={td}>{won(report.total.taxFree)}</td>
                <td className={td}>{won(report.total.taxable)}</td>
              </tr>
            </tfoot>
          </table>
        </section>
      )}
    </div>
  );
}
