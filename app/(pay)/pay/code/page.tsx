import { getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { PayCodeScreen } from "@/components/pay/pay-code-screen";

export default async function PayCodePage() {
  await requireFace("pay");
  const t = await getTranslations("payApp");
  return (
    <>
      <header className="flex items-center justify-between px-3 pt-3">
        <a href="/pay" aria-label={t("close")} className="flex size-12 items-center justify-center rounded-full text-ink active:bg-line">
          <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" aria-hidden>
            <path d="M6 6l12 12M18 6 6 18" />
          </svg>
        </a>
        <p className="text-[17px] font-bold">{t("codeTitle")}</p>
        <span className="size-12" aria-hidden />
      </header>
      <main className="flex-1 px-4 pt-3">
        <PayCodeScreen />
      </main>
    </>
  );
}
