import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { DevicesPanel } from "@/components/admin/devices-panel";

export default async function DevicesPage() {
  const user = await requireFace("admin");
  if (user.role !== "store_manager") redirect("/admin");
  const t = await getTranslations("devices");
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-sm text-muted">{t("subtitle")}</p>
      <TRPCReactProvider>
        <DevicesPanel />
      </TRPCReactProvider>
    </div>
  );
}
