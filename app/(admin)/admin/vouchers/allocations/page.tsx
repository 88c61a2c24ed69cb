import { getTranslations } from "next-intl/server";
import { serverApi } from "@/server/trpc/server";
import { AllocationPanel } from "@/components/admin/vouchers/allocation-panel";
import { requireHr } from "@/components/admin/vouchers/hr-page";

export default async function AllocationsPage() {
  const { today } = await requireHr();
  const api = await serverApi();
  const [policies, t] = await Promise.all([api.voucherAdmin.policies(), getTranslations("hrVouchers")]);
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-bold">{t("allocationsTitle")}</h1>
      <p className="mt-1 text-sm text-muted">{t("allocationsSubtitle")}</p>
      <AllocationPanel
        thisMonth={today.slice(0, 7)}
        policies={policies.map((p) => ({ id: p.id, name: p.name, meal: p.meal, amount: (p.current ?? p.upcoming[0])?.amount.toString() ?? null }))}
      />
    </div>
  );
}
