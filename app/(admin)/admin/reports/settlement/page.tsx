import { getLocale, getTranslations } from "next-intl/server";
import { monthFrom } from "@/components/admin/reports/period";
import { MonthBar, StatCard } from "@/components/admin/reports/report-controls";
import { requireHr } from "@/components/admin/vouchers/hr-page";
import { toLocale } from "@/i18n/locales";
import { formatWon } from "@/lib/money";
import { previousMonth } from "@/server/domain/reports/period";
import { serverApi } from "@/server/trpc/server";

const th = "px-4 py-2.5 font-medium";
const td = "tabular px-4 py-2 text-right";

export default async function SettlementPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { today } = await requireHr();
  // Finance settles the month that just ended.
  const month = monthFrom(await searchParams, previousMonth(today.slice(0, 7)));
  const api = await serverApi();
  const [report, t, locale] = await Promise.all([api.reports.settlement({ month }), getTranslations("reports"), getLocale().then(toLocale)]);
  const won = (amount: bigint) => formatWon(amount, locale);
  const storeName = (store: { nameKo: string; nameEn: string }) => (locale === "ko" ? store.nameKo : store.nameEn);
  const dayTotals = report.stores[0]?.days.map((_, index) => report.stores.reduce((sum, store) => sum + (store.days[index]?.net ?? 0n), 0n)) ?? [];
  // Departments across stores: one row each, a column per store.
  const departments = new Map<string, { name: string; byStore: Map<string, bigint>; net: bigint }>();
  for (const store of report.stores) {
    for (const d of store.departments) {
      const key = d.departmentId ?? "";
      const row = departments.get(key) ?? { name: (locale === "ko" ? d.nameKo : d.nameEn) ?? t("noDepartment"), byStore: new Map(), net: 0n };
      row.byStore.set(store.storeId, d.net);
      row.net += d.net;
      departments.set(key, row);
    }
  }
  const departmentRows = [...departments.values()].sort((a, b) => (a.net === b.net ? a.name.localeCompare(b.name) : a.net > b.net ? -1 : 1));

  return (
    <div className="mx-auto max-w-6xl space-y-5">
      <header>
        <h1 className="text-2xl font-bold">{t("settlementTitle")}</h1>
        <p className="mt-1 text-sm text-muted">{t("settlementSubtitle")}</p>
      </header>
      <MonthBar month={month} label={t("month")} exportPath="/api/admin/reports/settlement" locale={locale} />

      <div className="grid grid-cols-4 gap-4">
        <StatCard label={t("totalOwed")} value={won(report.total.net)} note={`${t("paid")} ${won(report.total.paid)} · ${t("refunded")} ${won(report.total.refunded)}`} testId="settlement-total" />
        {report.stores.map((store) => (
          <StatCard key={store.storeId} label={t("owedTo", { store: storeName(store) })} value={won(store.total.net)} note={t("usesCount", { count: store.total.uses.toLocaleString(locale) })} testId={`settlement-store-${store.code}`} />
        ))}
      </div>

      {report.stores.length === 0 ? (
        <p className="rounded-xl border border-line bg-white py-16 text-center text-sm text-muted" data-testid="settlement-empty">{t("settlementEmpty", { month })}</p>
      ) : (
        <div className="grid grid-cols-5 gap-4">
          <section className="col-span-3 overflow-hidden rounded-xl border border-line bg-white">
            <h2 className="border-b border-line px-5 py-3.5 font-semibold">{t("settlementByDay")}</h2>
            <table className="w-full text-left text-sm" data-testid="settlement-by-day">
              <thead className="bg-canvas/60 text-muted">
                <tr>
                  <th className={th}>{t("day")}</th>
                  {report.stores.map((store) => <th key={store.storeId} className={`${th} text-right`}>{storeName(store)}</th>)}
                  <th className={`${th} text-right`}>{t("total")}</th>
                </tr>
              </thead>
              <tbody>
                {dayTotals.map((total, index) =>
                  total === 0n ? null : (
                    <tr key={index} className="border-t border-line">
                      <td className="tabular px-4 py-2">{report.stores[0]?.days[index]?.day}</td>
                      {report.stores.map((store) => <td key={store.storeId} className={td}>{won(store.days[index]?.net ?? 0n)}</td>)}
                      <td className={`${td} font-semibold`}>{won(total)}</td>
                    </tr>
                  ),
                )}
              </tbody>
              <tfoot className="border-t-2 border-line font-semibold">
                <tr>
                  <td className="px-4 py-2.5">{t("total")}</td>
                  {report.stores.map((store) => <td key={store.storeId} className={td}>{won(store.total.net)}</td>)}
                  <td className={td}>{won(report.total.net)}</td>
                </tr>
              </tfoot>
            </table>
          </section>
          <section className="col-span-2 self-start overflow-hidden rounded-xl border border-line bg-white">
            <h2 className="border-b border-line px-5 py-3.5 font-semibold">{t("settlementByDepartment")}</h2>
            <table className="w-full text-left text-sm" data-testid="settlement-by-department">
              <thead className="bg-canvas/60 text-muted">
                <tr>
                  <th className={th}>{t("department")}</th>
                  {report.stores.map((store) => <th key={store.storeId} className={`${th} text-right`}>{storeName(store)}</th>)}
                  <th className={`${th} text-right`}>{t("total")}</th>
                </tr>
              </thead>
              <tbody>
                {departmentRows.map((row) => (
                  <tr key={row.name} className="border-t border-line">
                    <td className="px-4 py-2">{row.name}</td>
                    {report.stores.map((store) => <td key={store.storeId} className={td}>{won(row.byStore.get(store.storeId) ?? 0n)}</td>)}
                    <td className={`${td} font-semibold`}>{won(row.net)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot className="border-t-2 border-line font-semibold">
                <tr>
                  <td className="px-4 py-2.5">{t("total")}</td>
                  {report.stores.map((store) => <td key={store.storeId} className={td}>{won(store.total.net)}</td>)}
                  <td className={td}>{won(report.total.net)}</td>
                </tr>
              </tfoot>
            </table>
          </section>
        </div>
      )}
    </div>
  );
}
