"use client";

import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { useTRPCClient } from "@/components/trpc/provider";

type State = "unsupported" | "checking" | "ask" | "working" | "on" | "denied" | "failed";

function pushSupported() {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** The app's service worker (registered by the pay layout), or null when none comes up in time. */
async function workerRegistration(timeoutMs = 5_000): Promise<ServiceWorkerRegistration | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

function applicationServerKey(base64url: string) {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

/**
 * "Tell me when it is ready": asks for notification permission only here, after an order
 * was placed (never on first load), then subscribes this phone through the service worker
 * and stores the subscription. With permission already given it re-sends the subscription
 * quietly, so a renewed one (browsers rotate them) is never missed.
 */
export function PushOptIn({ prompt }: { prompt: boolean }) {
  const t = useTranslations("orderAhead.notify");
  const client = useTRPCClient();
  const [state, setState] = useState<State>("checking");

  const subscribe = useCallback(async () => {
    const registration = await workerRegistration();
    if (!registration) throw new Error("no service worker");
    const { publicKey } = await client.push.publicKey.query();
    const subscription =
      (await registration.pushManager.getSubscription()) ??
      (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(publicKey) }));
    const json = subscription.toJSON();
    if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) throw new Error("incomplete subscription");
    await client.push.subscribe.mutate({
      endpoint: json.endpoint,
      keys: { p256dh: json.keys.p256dh, auth: json.keys.auth },
      userAgent: navigator.userAgent.slice(0, 300),
    });
  }, [client]);

  useEffect(() => {
    if (!pushSupported()) {
      setState("unsupported");
      return;
    }
    if (Notification.permission === "denied") setState("denied");
    else if (Notification.permission === "default") setState("ask");
    else {
      setState("working");
      subscribe().then(
        () => setState("on"),
        () => setState("failed"),
      );
    }
  }, [subscribe]);

  const turnOn = async () => {
    setState("working");
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        setState(permission === "denied" ? "denied" : "ask");
        return;
      }
      await subscribe();
      setState("on");
    } catch {
      setState("failed");
    }
  };

  if (state === "unsupported" || state === "checking") return null;
  if (state === "on") {
    return (
      <p className="flex items-center gap-2 rounded-2xl bg-white px-4 py-3 text-sm font-medium text-brand-700 shadow-sm" data-testid="push-on">
        <BellIcon />
        {t("on")}
      </p>
    );
  }
  if (state === "denied") {
    return (
      <p className="rounded-2xl bg-white px-4 py-3 text-sm text-muted shadow-sm" data-testid="push-denied">
        {t("denied")}
      </p>
    );
  }
  return (
    <section className={`rounded-3xl p-5 shadow-sm ${prompt ? "bg-brand-50 ring-1 ring-brand-100" : "bg-white"}`} data-testid="push-opt-in">
      <div className="flex items-start gap-3">
        <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-white text-brand-600">
          <BellIcon />
        </span>
        <div>
          <h2 className="font-bold">{t("title")}</h2>
          <p className="mt-0.5 text-sm text-muted">{state === "failed" ? t("failed") : t("body")}</p>
        </div>
      </div>
      <button
        type="button"
        onClick={() => void turnOn()}
        disabled={state === "working"}
        data-testid="push-turn-on"
        className="mt-4 flex min-h-12 w-full items-center justify-center rounded-2xl bg-brand-500 font-bold text-white active:bg-brand-600 disabled:bg-line disabled:text-muted"
      >
        {state === "working" ? t("working") : state === "failed" ? t("retry") : t("turnOn")}
      </button>
    </section>
  );
}

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15zM10 20.5a2 2 0 0 0 4 0" />
    </svg>
  );
}
