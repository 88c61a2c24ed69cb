import { getTranslations } from "next-intl/server";
import { HolidayEditor } from "@/components/admin/vouchers/holiday-editor";
import { requireHr } from "@/components/admin/vouchers/hr-page";

export default async function HolidaysPage() {
  const { today } = await requireHr();
  const t = await getTranslations("hrVouchers");
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-bold">{t("holidaysTitle")}</h1>
      <p className="mt-1 text-sm text-muted">{t("holidaysSubtitle")}</p>
      <HolidayEditor initialYear={Number(today.slice(0, 4))} />
    </div>
  );
}
