import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { Logo } from "@/components/ui/logo";
import { PairForm } from "./pair-form";

/** Public: a tablet not signed in yet types the code its store manager shows on /admin/devices. */
export default async function KioskPairPage() {
  const t = await getTranslations("devices");
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-5 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-between">
          <Logo className="text-xl" />
          <LanguageSwitch />
        </div>
        <div className="rounded-3xl bg-white p-7 shadow-sm">
          <h1 className="text-2xl font-bold">{t("pairTitle")}</h1>
          <p className="mt-1 text-sm text-muted">{t("pairSubtitle")}</p>
          <div className="mt-6">
            <PairForm />
          </div>
        </div>
      </div>
    </main>
  );
}
