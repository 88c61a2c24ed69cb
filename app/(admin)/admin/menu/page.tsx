import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { toLocale } from "@/i18n/locales";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { MenuEditor } from "@/components/admin/menu/menu-editor";

export default async function ManagerMenuPage() {
  const user = await requireFace("admin");
  if (user.role !== "store_manager") redirect("/admin");
  const api = await serverApi();
  const [menu, profile, t, locale] = await Promise.all([
    api.menuAdmin.menu(),
    api.session.profile(),
    getTranslations("menuAdmin"),
    getLocale().then(toLocale),
  ]);
  return (
    <div className="mx-auto max-w-7xl">
      <h1 className="text-2xl font-bold">{t("title", { store: (locale === "ko" ? profile.storeKo : profile.storeEn) ?? "" })}</h1>
      <p className="mt-1 text-sm text-muted">{t("subtitle")}</p>
      <TRPCReactProvider>
        <MenuEditor initialMenu={menu} />
      </TRPCReactProvider>
    </div>
  );
}
