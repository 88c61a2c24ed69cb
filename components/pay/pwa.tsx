"use client";

import { lazy, Suspense, useEffect, useState } from "react";

/** The pages the phone must be able to open with no signal, warmed into the worker's cache. */
export const OFFLINE_PAGES = ["/pay", "/pay/code"];
export const PAY_SW_URL = "/serwist/sw.js";
export const PAY_SW_SCOPE = "/pay";
const INSTALL_DISMISSED_KEY = "canteen.pay.install-dismissed";

export type BeforeInstallPromptEvent = Event & { prompt: () => Promise<void>; userChoice: Promise<{ outcome: "accepted" | "dismissed" }> };

/**
 * Registers the service worker (scope /pay only: kiosk and admin never go through it) and,
 * once it runs, asks it to cache the home and pay code pages, so they open offline even if
 * the person never visited the code screen while online.
 */
export function ServiceWorker() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    let cancelled = false;
    void (async () => {
      try {
        await navigator.serviceWorker.register(PAY_SW_URL, { scope: PAY_SW_SCOPE });
        const ready = await navigator.serviceWorker.ready;
        if (cancelled || !navigator.onLine) return;
        ready.active?.postMessage({ type: "CACHE_URLS", payload: { urlsToCache: OFFLINE_PAGES } });
      } catch {
        // Without a worker the app still works online; nothing to tell the person.
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []);
  return null;
}

function isStandalone() {
  return window.matchMedia("(display-mode: standalone)").matches || (navigator as Navigator & { standalone?: boolean }).standalone === true;
}

function isIosSafari(userAgent: string) {
  return /iPhone|iPad|iPod/.test(userAgent) && /Safari\//.test(userAgent) && !/CriOS|FxiOS|EdgiOS|KAKAOTALK/.test(userAgent);
}

// The banner's code loads only when there is something to offer: most visits never need it.
const InstallBanner = lazy(() => import("./install-banner"));

/**
 * "Add Canteen to your home screen", once: Chromium's install prompt where it offers one, a
 * short how-to on iOS Safari (which has no prompt). Gone for good once dismissed or installed.
 * The browser's event is caught here at once, as it may fire before the banner has loaded.
 */
export function InstallPrompt() {
  const [offer, setOffer] = useState<{ prompt: BeforeInstallPromptEvent | null } | null>(null);
  useEffect(() => {
    if (isStandalone() || localStorage.getItem(INSTALL_DISMISSED_KEY)) return;
    if (isIosSafari(navigator.userAgent)) setOffer({ prompt: null });
    const onPrompt = (event: Event) => {
      event.preventDefault();
      setOffer({ prompt: event as BeforeInstallPromptEvent });
    };
    const onInstalled = () => {
      localStorage.setItem(INSTALL_DISMISSED_KEY, "installed");
      setOffer(null);
    };
    window.addEventListener("beforeinstallprompt", onPrompt);
    window.addEventListener("appinstalled", onInstalled);
    return () => {
      window.removeEventListener("beforeinstallprompt", onPrompt);
      window.removeEventListener("appinstalled", onInstalled);
    };
  }, []);
  if (!offer) return null;
  const close = (outcome: "dismissed" | "installed") => {
    localStorage.setItem(INSTALL_DISMISSED_KEY, outcome);
    setOffer(null);
  };
  return (
    <Suspense fallback={null}>
      <InstallBanner prompt={offer.prompt} onClose={close} />
    </Suspense>
  );
}
