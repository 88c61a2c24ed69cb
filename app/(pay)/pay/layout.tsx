import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { PayDeviceProvider } from "@/components/pay/pay-device";
import { InstallPrompt, ServiceWorker } from "@/components/pay/pwa";
import { PayTabBar } from "@/components/pay/tab-bar";

export const metadata: Metadata = {
  title: "Canteen Pay",
  appleWebApp: { capable: true, title: "Canteen", statusBarStyle: "default" },
  icons: { apple: "/icons/apple-touch-icon.png" },
};

/**
 * The pay app's shell. It loads no query library (the home and code screens talk to the
 * server through server actions); sections that use tRPC on the client wrap themselves.
 */
export default async function PayLayout({ children }: { children: React.ReactNode }) {
  const user = await requireFace("pay");
  const t = await getTranslations("payApp");
  return (
    <PayDeviceProvider userId={user.id}>
      <ServiceWorker />
      <div className="mx-auto flex min-h-dvh max-w-md flex-col bg-canvas pb-[calc(88px+env(safe-area-inset-bottom))]">
        <InstallPrompt />
        {children}
      </div>
      <PayTabBar labels={{ home: t("tabHome"), order: t("tabOrder"), pay: t("tabPay"), history: t("tabHistory"), more: t("tabMore") }} />
    </PayDeviceProvider>
  );
}
