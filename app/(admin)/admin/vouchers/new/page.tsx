import { getTranslations } from "next-intl/server";
import { PolicyEditor } from "@/components/admin/vouchers/policy-editor";
import { requireHr } from "@/components/admin/vouchers/hr-page";

export default async function NewPolicyPage() {
  const { today } = await requireHr();
  const t = await getTranslations("hrVouchers");
  return (
    <div className="mx-auto max-w-6xl">
      <h1 className="text-2xl font-bold">{t("newPolicy")}</h1>
      <PolicyEditor
        today={today}
        initial={{
          name: "", meal: "lunch", active: true, amount: "", windowStart: "11:00", windowEnd: "14:00", weekdays: [1, 2, 3, 4, 5],
          includeHolidays: false, allStores: true, storeIds: [], everyone: true, departmentIds: [], allCategories: true, categoryIds: [], dailyCap: "", monthlyCap: "",
          groupPaymentAllowed: true, unusedValue: "expire_at_window_end", effectiveFrom: today,
        }}
      />
    </div>
  );
}
