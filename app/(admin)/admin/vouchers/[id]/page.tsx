import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { serverApi } from "@/server/trpc/server";
import { formatWon } from "@/lib/money";
import { toLocale } from "@/i18n/locales";
import { PolicyEditor } from "@/components/admin/vouchers/policy-editor";
import { requireHr } from "@/components/admin/vouchers/hr-page";
import { categorySummary } from "@/components/admin/vouchers/category-summary";

export default async function PolicyPage({ params }: { params: Promise<{ id: string }> }) {
  const { today } = await requireHr();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const api = await serverApi();
  const [policies, categories, t, tCategories, locale] = await Promise.all([
    api.voucherAdmin.policies(),
    api.voucherAdmin.categories(),
    getTranslations("hrVouchers"),
    getTranslations("voucherCategories"),
    getLocale().then(toLocale),
  ]);
  const policy = policies.find((p) => p.id === id);
  if (!policy) notFound();
  const v = policy.upcoming.at(-1) ?? policy.current ?? policy.versions[0];
  if (!v) notFound();
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-bold">{policy.name}</h1>
      <p className="mt-1 text-sm text-muted">{t("changeHelp")}</p>
      <PolicyEditor
        policyId={policy.id}
        today={today}
        initial={{
          name: policy.name, meal: policy.meal, active: v.active, amount: String(v.amount), windowStart: v.windowStart.slice(0, 5), windowEnd: v.windowEnd.slice(0, 5),
          weekdays: v.weekdays, includeHolidays: v.includeHolidays, allStores: v.storeIds === null, storeIds: v.storeIds ?? [], everyone: v.departmentIds === null,
          departmentIds: v.departmentIds ?? [], allCategories: v.categoryIds === null, categoryIds: v.categoryIds ?? [], dailyCap: v.dailyCap === null ? "" : String(v.dailyCap), monthlyCap: v.monthlyCap === null ? "" : String(v.monthlyCap),
          groupPaymentAllowed: v.groupPaymentAllowed, unusedValue: v.unusedValue, effectiveFrom: today > v.effectiveFrom ? today : v.effectiveFrom,
        }}
      />
      <section className="mt-8 overflow-hidden rounded-xl border border-line bg-white">
        <h2 className="border-b border-line px-6 py-4 font-semibold">{t("history")}</h2>
        <table className="w-full text-left text-sm">
          <tbody>
            {policy.versions.map((version) => (
              <tr key={version.id} className="border-t border-line first:border-0">
                <td className="px-6 py-3 font-medium">{t("versionFrom", { version: version.version, date: version.effectiveFrom })}</td>
                <td className="tabular px-4 py-3">{formatWon(version.amount, locale)}</td>
                <td className="tabular px-4 py-3">{version.windowStart.slice(0, 5)}–{version.windowEnd.slice(0, 5)}</td>
                <td className="px-4 py-3" data-testid="version-categories">
                  <span className="text-muted">{tCategories("column")}</span> {categorySummary(version.categoryIds, categories, locale, tCategories("all"))}
                </td>
                <td className="px-4 py-3 text-muted">{version.active ? t(`unused.${version.unusedValue}`) : t("paused")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
