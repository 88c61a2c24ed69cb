import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { toLocale } from "@/i18n/locales";
import { formatWon } from "@/lib/money";

export default async function ManagerMenuPage() {
  const user = await requireFace("admin");
  if (user.role !== "store_manager") redirect("/admin");
  const api = await serverApi();
  const [menu, profile, t, locale] = await Promise.all([
    api.menu.forManager(),
    api.session.profile(),
    getTranslations("admin"),
    getLocale().then(toLocale),
  ]);
  const nameOf = (row: { nameKo: string; nameEn: string }) => (locale === "ko" ? row.nameKo : row.nameEn);
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-bold">{t("menuTitle", { store: (locale === "ko" ? profile.storeKo : profile.storeEn) ?? "" })}</h1>
      <p className="mt-1 text-sm text-muted">{t("menuSubtitle")}</p>
      <div className="mt-6 overflow-hidden rounded-xl border border-line bg-white">
        <table className="w-full text-left text-sm" data-testid="manager-menu-table">
          <thead className="border-b border-line bg-canvas/60 text-muted">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">{t("category")}</th>
              <th scope="col" className="px-4 py-3 font-medium">{t("item")}</th>
              <th scope="col" className="px-4 py-3 text-right font-medium">{t("price")}</th>
              <th scope="col" className="px-4 py-3 font-medium">{t("availability")}</th>
            </tr>
          </thead>
          <tbody>
            {menu.categories.flatMap((category) =>
              category.items.map((item) => (
                <tr key={item.id} className="border-b border-line last:border-0">
                  <td className="px-4 py-3 text-muted">{nameOf(category)}</td>
                  <td className="px-4 py-3 font-medium">{nameOf(item)}</td>
                  <td className="tabular px-4 py-3 text-right">{formatWon(item.price, locale)}</td>
                  <td className="px-4 py-3">
                    <span className={`rounded-md px-2 py-1 text-xs font-semibold ${item.isSoldOut ? "bg-canvas text-muted" : "bg-emerald-50 text-emerald-700"}`}>
                      {item.isSoldOut ? t("soldOut") : t("onSale")}
                    </span>
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
