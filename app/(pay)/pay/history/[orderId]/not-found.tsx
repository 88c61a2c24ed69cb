import { getTranslations } from "next-intl/server";
import { BackToHistory } from "@/components/pay/history/back-link";

export default async function ReceiptNotFound() {
  const t = await getTranslations("payHistory");
  return (
    <>
      <header className="flex items-center px-2 pt-3">
        <BackToHistory href="/pay/history" label={t("back")} />
      </header>
      <main className="flex-1 px-4 pt-3 break-keep">
        <section className="rounded-[28px] bg-white px-6 py-10 text-center shadow-sm" data-testid="receipt-not-found">
          <p className="text-[17px] font-bold">{t("notFoundTitle")}</p>
          <p className="mt-1 text-[13px] text-muted">{t("notFoundBody")}</p>
        </section>
      </main>
    </>
  );
}
