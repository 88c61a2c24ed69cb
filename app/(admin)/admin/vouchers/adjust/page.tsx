import { getTranslations } from "next-intl/server";
import { AdjustPanel } from "@/components/admin/vouchers/adjust-panel";
import { requireHr } from "@/components/admin/vouchers/hr-page";

export default async function AdjustPage() {
  const { today } = await requireHr();
  const t = await getTranslations("hrVouchers");
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-bold">{t("adjustTitle")}</h1>
      <p className="mt-1 text-sm text-muted">{t("adjustSubtitle")}</p>
      <AdjustPanel today={today} />
    </div>
  );
}
