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
  const storeColumns = report.stores.map((store) => ({ id: store.storeId, name: storeName(store), total: won(store.total.net) }));
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
          <StoreTable
            className="col-span-3"
            title={t("settlementByDay")}
            testId="settlement-by-day"
            labelHeader={t("day")}
            totalLabel={t("total")}
            stores={storeColumns}
            total={won(report.total.net)}
            rows={dayTotals.flatMap((total, index) => {
              const day = report.stores[0]?.days[index]?.day;
              return total === 0n || !day ? [] : [{ key: day, label: day, cells: report.stores.map((store) => won(store.days[index]?.net ?? 0n)), total: won(total) }];
            })}
          />
          <StoreTable
            className="col-span-2 self-start"
            title={t("settlementByDepartment")}
            testId="settlement-by-department"
            labelHeader={t("department")}
            totalLabel={t("total")}
            stores={storeColumns}
            total={won(report.total.net)}
            rows={departmentRows.map((row) => ({ key: row.name, label: row.name, cells: report.stores.map((store) => won(row.byStore.get(store.storeId) ?? 0n)), total: won(row.net) }))}
          />
        </div>
      )}
    </div>
  );
}

/** Rows (days or departments) × a column per store and a total column, with the stores' totals at the foot. */
function StoreTable(props: {
  title: string;
  testId: string;
  className: string;
  labelHeader: string;
  totalLabel: string;
  stores: { id: string; name: string; total: string }[];
  total: string;
  rows: { key: string; label: string; cells: string[]; total: string }[];
}) {
  return (
    <section className={`overflow-hidden rounded-xl border border-line bg-white ${props.className}`}>
      <h2 className="border-b border-line px-5 py-3.5 font-semibold">{props.title}</h2>
      <table className="w-full text-left text-sm" data-testid={props.testId}>
        <thead className="bg-canvas/60 text-muted">
          <tr>
            <th className={th}>{props.labelHeader}</th>
            {props.stores.map((store) => <th key={store.id} className={`${th} text-right`}>{store.name}</th>)}
            <th className={`${th} text-right`}>{props.totalLabel}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.key} className="border-t border-line">
              <td className="tabular px-4 py-2">{row.label}</td>
              {row.cells.map((cell, index) => <td key={props.stores[index]?.id ?? index} className={td}>{cell}</td>)}
              <td className={`${td} font-semibold`}>{row.total}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-line font-semibold">
          <tr>
            <td className="px-4 py-2.5">{props.totalLabel}</td>
            {props.stores.map((store) => <td key={store.id} className={td}>{store.total}</td>)}
            <td className={td}>{props.total}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
