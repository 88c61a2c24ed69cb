import { getLocale, getTranslations } from "next-intl/server";
import { requireFace } from "@/server/auth/guard";
import { serverApi } from "@/server/trpc/server";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { Logo } from "@/components/ui/logo";
import { KioskClock } from "@/components/kiosk/clock";
import { KioskStoreHours } from "@/components/kiosk/store-hours";
import { KioskNav } from "@/components/kiosk/kiosk-nav";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { LockScreen } from "@/components/kiosk/lock-screen";

export default async function KioskLayout({ children }: { children: React.ReactNode }) {
  await requireFace("kiosk");
  const [api, locale, t, tRefund, tSoldOut] = await Promise.all([
    serverApi(),
    getLocale(),
    getTranslations("kiosk"),
    getTranslations("refund"),
    getTranslations("soldOut"),
  ]);
  const [profile, hours] = await Promise.all([api.session.profile(), api.menu.hours()]);
  return (
    <TRPCReactProvider>
      <div className="flex h-dvh flex-col bg-canvas">
        <header className="flex h-16 shrink-0 items-center gap-3 bg-ink px-4 whitespace-nowrap text-white xl:gap-4 xl:px-5">
          <Logo className="text-lg" />
          <span data-testid="kiosk-store" className="rounded-lg bg-white/10 px-3 py-1 text-sm font-semibold">
            {(locale === "ko" ? profile.storeKo : profile.storeEn) ?? t("noStore")}
          </span>
          <KioskNav
            links={[
              { href: "/kiosk", label: t("title") },
              { href: "/kiosk/queue", label: t("navQueue") },
              { href: "/kiosk/refunds", label: tRefund("nav") },
              { href: "/kiosk/sold-out", label: tSoldOut("nav") },
              { href: "/kiosk/day", label: t("navDay") },
            ]}
          />
          <div className="ml-auto flex items-center gap-2">
            {/* Time over the hours state: one column keeps the header within a tablet's width in English. */}
            <div className="flex flex-col items-end leading-tight">
              <KioskClock locale={locale} />
              <KioskStoreHours initial={hours} />
            </div>
            <LockScreen />
            <LanguageSwitch tone="dark" />
            <SignOutButton className="text-white/80 hover:bg-white/10 hover:text-white" />
          </div>
        </header>
        <main className="min-h-0 flex-1 break-keep">
          {children}
        </main>
      </div>
    </TRPCReactProvider>
  );
}
