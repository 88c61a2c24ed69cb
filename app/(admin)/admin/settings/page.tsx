import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { toLocale } from "@/i18n/locales";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { ManagerPinForm, StoreSettingsForm } from "@/components/admin/settings/store-settings";

export default async function StoreSettingsPage() {
  const user = await requireFace("admin");
  if (user.role !== "store_manager") redirect("/admin");
  const api = await serverApi();
  const [settings, t, locale] = await Promise.all([api.menuAdmin.settings(), getTranslations("storeSettings"), getLocale().then(toLocale)]);
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-sm text-muted">{t("subtitle", { store: locale === "ko" ? settings.nameKo : settings.nameEn })}</p>
      <TRPCReactProvider>
        <div className="mt-6 space-y-6">
          <StoreSettingsForm initial={settings} />
          <ManagerPinForm hasPin={settings.hasPin} />
        </div>
      </TRPCReactProvider>
    </div>
  );
}
