"use client";

import { useTranslations } from "next-intl";
import type { BeforeInstallPromptEvent } from "./pwa";

/** The install offer itself: Chromium's prompt behind a button, or the iOS how-to when `prompt` is null. */
export default function InstallBanner({ prompt, onClose }: { prompt: BeforeInstallPromptEvent | null; onClose: (outcome: "dismissed" | "installed") => void }) {
  const t = useTranslations("payApp");
  const install = async () => {
    if (!prompt) return;
    await prompt.prompt();
    const { outcome } = await prompt.userChoice;
    // A declined browser prompt cannot be shown again on this visit; do not nag with the banner.
    onClose(outcome === "accepted" ? "installed" : "dismissed");
  };
  return (
    <aside data-testid="install-prompt" className="mx-5 mt-3 flex items-center gap-3 rounded-2xl bg-ink px-4 py-3 text-white shadow-sm">
      <img src="/icons/icon-192.png" alt="" className="size-10 rounded-xl" />
      <div className="min-w-0 flex-1">
        <p className="text-sm font-bold">{t("installTitle")}</p>
        <p className="text-xs text-white/70">{prompt ? t("installBody") : t("installIosHint")}</p>
      </div>
      {prompt ? (
        <button type="button" onClick={() => void install()} className="min-h-12 rounded-xl bg-brand-500 px-3 text-sm font-bold">
          {t("install")}
        </button>
      ) : null}
      <button type="button" onClick={() => onClose("dismissed")} aria-label={t("dismiss")} className="flex size-12 shrink-0 items-center justify-center rounded-xl text-white/70">
        <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" aria-hidden>
          <path d="M6 6l12 12M18 6 6 18" />
        </svg>
      </button>
    </aside>
  );
}
