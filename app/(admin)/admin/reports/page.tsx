import { getLocale, getTranslations } from "next-intl/server";
import { SpendByDayChart, SpendByDepartmentChart, SpendByMealChart } from "@/components/admin/reports/dashboard-charts";
import { presets, rangeFrom } from "@/components/admin/reports/period";
import { Panel, RangeFilter, StatCard } from "@/components/admin/reports/report-controls";
import { requireHr } from "@/components/admin/vouchers/hr-page";
import { toLocale } from "@/i18n/locales";
import { formatWon } from "@/lib/money";
import { serverApi } from "@/server/trpc/server";

export default async function ReportsDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { today } = await requireHr();
  const range = rangeFrom(await searchParams, today);
  const api = await serverApi();
  const [board, stores, t, tErrors, locale] = await Promise.all([
    api.reports.dashboard({ from: range.from, to: range.to, storeId: range.storeId }),
    api.voucherAdmin.stores(),
    getTranslations("reports"),
    getTranslations("errors"),
    getLocale().then(toLocale),
  ]);
  const { spend, usage, topItems } = board;
  const ratePercent = usage.rateBasisPoints === null ? null : usage.rateBasisPoints / 100;
  const topMax = topItems.reduce((max, item) => Math.max(max, item.quantity), 0);

  return (
    <div className="mx-auto max-w-6xl space-y-5">
      <header>
        <h1 className="text-2xl font-bold">{t("dashboardTitle")}</h1>
        <p className="mt-1 text-sm text-muted">{t("dashboardSubtitle")}</p>
      </header>
      <RangeFilter
        from={range.from}
        to={range.to}
        storeId={range.storeId}
        stores={stores.map((s) => ({ id: s.id, name: locale === "ko" ? s.nameKo : s.nameEn }))}
        presets={presets(today)}
      />
      {range.error ? (
        <p role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-sm font-medium text-red-700">
          {range.error === "dateFormat" ? t("validation.dateFormat") : tErrors(range.error)}
        </p>
      ) : null}

      <div className="grid grid-cols-4 gap-4">
        <StatCard label={t("spendTotal")} value={formatWon(spend.total, locale)} note={`${range.from} – ${range.to}`} testId="stat-spend" />
        <StatCard label={t("uses")} value={t("usesCount", { count: spend.uses.toLocaleString(locale) })} testId="stat-uses" />
        <StatCard label={t("granted")} value={formatWon(usage.granted, locale)} note={t("grantsCount", { count: usage.grants.toLocaleString(locale) })} testId="stat-granted" />
        <StatCard label={t("usageRate")} value={ratePercent === null ? t("noGrants") : `${ratePercent.toLocaleString(locale, { maximumFractionDigits: 1 })}%`} testId="stat-usage-rate">
          <div className="mt-2 h-2 overflow-hidden rounded-full bg-canvas" aria-hidden>
            <div className="h-full rounded-full bg-brand-500" style={{ width: `${Math.min(ratePercent ?? 0, 100)}%` }} />
          </div>
          <p className="mt-1.5 text-xs text-muted">{t("usageDetail", { used: formatWon(usage.used, locale), unused: formatWon(usage.unused, locale) })}</p>
          <p className="mt-0.5 text-xs text-muted">{t("usageNote")}</p>
        </StatCard>
      </div>

      <div className="grid grid-cols-3 gap-4">
        <Panel title={t("byDay")} className="col-span-2" testId="panel-by-day">
          {spend.total === 0n ? (
            <p className="flex h-72 items-center justify-center text-sm text-muted">{t("noData")}</p>
          ) : (
            <SpendByDayChart days={spend.byDay.map((d) => ({ day: d.day, amount: Number(d.amount) }))} />
          )}
        </Panel>
        <Panel title={t("byMeal")} testId="panel-by-meal">
          <SpendByMealChart meals={spend.byMeal.map((m) => ({ meal: m.meal, amount: Number(m.amount) }))} />
        </Panel>
      </div>

      <div className="grid grid-cols-2 gap-4">
        <Panel title={t("byDepartment")} testId="panel-by-department">
          {spend.byDepartment.length === 0 ? (
            <p className="py-10 text-center text-sm text-muted">{t("noData")}</p>
          ) : (
            <SpendByDepartmentChart
              departments={spend.byDepartment.map((d) => ({ name: (locale === "ko" ? d.nameKo : d.nameEn) ?? t("noDepartment"), amount: Number(d.amount) }))}
            />
          )}
        </Panel>
        <Panel title={t("topItems")} note={t("topItemsNote")} testId="panel-top-items">
          {topItems.length === 0 ? (
            <p className="py-10 text-center text-sm text-muted">{t("noData")}</p>
          ) : (
            <table className="w-full text-left text-sm" data-testid="top-items">
              <thead className="text-muted">
                <tr>
                  <th className="w-10 pb-2 font-medium">{t("rank")}</th>
                  <th className="pb-2 font-medium">{t("item")}</th>
                  <th className="pb-2 text-right font-medium">{t("quantity")}</th>
                  <th className="pb-2 text-right font-medium">{t("amount")}</th>
                </tr>
              </thead>
              <tbody>
                {topItems.map((item, index) => (
                  <tr key={item.itemId} className="border-t border-line">
                    <td className="tabular py-2 text-muted">{index + 1}</td>
                    <td className="py-2">
                      <span className="font-medium">{locale === "ko" ? item.nameKo : item.nameEn}</span>
                      <span className="mt-1 block h-1.5 rounded-full bg-brand-100" aria-hidden>
                        <span className="block h-full rounded-full bg-brand-500" style={{ width: `${topMax > 0 ? (item.quantity * 100) / topMax : 0}%` }} />
                      </span>
                    </td>
                    <td className="tabular py-2 text-right">{item.quantity.toLocaleString(locale)}</td>
                    <td className="tabular py-2 text-right">{formatWon(item.amount, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      </div>
    </div>
  );
}
