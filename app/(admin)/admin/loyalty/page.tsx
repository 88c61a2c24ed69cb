import { getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { LoyaltyAdmin } from "@/components/admin/loyalty/loyalty-admin";

/** Promotions and stamp programs (store manager), coupon handouts and what it all cost (manager and HR). */
export default async function LoyaltyPage() {
  const user = await requireFace("admin");
  const t = await getTranslations("loyalty");
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="text-2xl font-bold">{t("adminTitle")}</h1>
      <p className="mt-1 text-sm text-muted">{t("adminSubtitle")}</p>
      <TRPCReactProvider>
        <LoyaltyAdmin role={user.role === "store_manager" ? "store_manager" : "hr_admin"} />
      </TRPCReactProvider>
    </div>
  );
}
