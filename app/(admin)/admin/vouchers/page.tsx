import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { serverApi } from "@/server/trpc/server";
import { formatWon } from "@/lib/money";
import { toLocale } from "@/i18n/locales";
import { requireHr } from "@/components/admin/vouchers/hr-page";
import { categorySummary } from "@/components/admin/vouchers/category-summary";

export default async function VoucherPoliciesPage() {
  await requireHr();
  const api = await serverApi();
  const [policies, categories, t, tCategories, locale] = await Promise.all([
    api.voucherAdmin.policies(),
    api.voucherAdmin.categories(),
    getTranslations("hrVouchers"),
    getTranslations("voucherCategories"),
    getLocale().then(toLocale),
  ]);
  return (
    <div className="mx-auto max-w-6xl">
      <div className="flex items-end justify-between">
        <div>
          <h1 className="text-2xl font-bold">{t("policiesTitle")}</h1>
          <p className="mt-1 text-sm text-muted">{t("policiesSubtitle")}</p>
        </div>
        <Link href="/admin/vouchers/new" className="flex min-h-11 items-center rounded-lg bg-brand-500 px-5 text-sm font-semibold text-white hover:bg-brand-600">{t("newPolicy")}</Link>
      </div>
      <div className="mt-6 overflow-hidden rounded-xl border border-line bg-white">
        <table className="w-full text-left text-sm" data-testid="policies-table">
          <thead className="border-b border-line bg-canvas/60 text-muted">
            <tr>
              <th className="px-4 py-3 font-medium">{t("name")}</th>
              <th className="px-4 py-3 font-medium">{t("meal")}</th>
              <th className="px-4 py-3 text-right font-medium">{t("amount")}</th>
              <th className="px-4 py-3 font-medium">{t("window")}</th>
              <th className="px-4 py-3 font-medium">{t("weekdays")}</th>
              <th className="px-4 py-3 font-medium">{tCategories("column")}</th>
              <th className="px-4 py-3 font-medium">{t("version")}</th>
              <th className="px-4 py-3 font-medium">{t("unusedValue")}</th>
            </tr>
          </thead>
          <tbody>
            {policies.map((p) => {
              const v = p.current ?? p.upcoming[0] ?? null;
              const next = p.current ? p.upcoming[0] : p.upcoming[1];
              return (
                <tr key={p.id} className="border-b border-line last:border-0 hover:bg-canvas/50">
                  <td className="px-4 py-3 font-medium"><Link href={`/admin/vouchers/${p.id}`} className="text-brand-700 hover:underline">{p.name}</Link></td>
                  <td className="px-4 py-3">{t(`meals.${p.meal}`)}</td>
                  <td className="tabular px-4 py-3 text-right">{v ? formatWon(v.amount, locale) : "—"}</td>
                  <td className="tabular px-4 py-3">{v ? `${v.windowStart.slice(0, 5)}–${v.windowEnd.slice(0, 5)}` : "—"}</td>
                  <td className="px-4 py-3">{v ? v.weekdays.map((d) => t(`weekday.${d}`)).join(" ") : "—"}{v?.includeHolidays ? ` · ${t("holidaysToo")}` : ""}</td>
                  <td className="px-4 py-3" data-testid="policy-categories-cell">{v ? categorySummary(v.categoryIds, categories, locale, tCategories("all")) : "—"}</td>
                  <td className="px-4 py-3">
                    {v ? t("versionFrom", { version: v.version, date: v.effectiveFrom }) : "—"}
                    {v && !v.active ? <span className="ml-2 rounded-md bg-amber-50 px-2 py-0.5 text-xs font-semibold text-amber-700">{t("paused")}</span> : null}
                    {next ? <span className="mt-0.5 block text-xs text-muted">{t("nextVersion", { version: next.version, date: next.effectiveFrom })}</span> : null}
                  </td>
                  <td className="px-4 py-3 text-muted">{v ? t(`unused.${v.unusedValue}`) : "—"}</td>
                </tr>
              );
            })}
            {policies.length === 0 ? <tr><td colSpan={8} className="px-4 py-16 text-center text-muted">{t("noPolicies")}</td></tr> : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
