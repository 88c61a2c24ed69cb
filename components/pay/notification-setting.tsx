"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { pushPublicKeyAction, pushStatusAction, pushSubscribeAction, pushUnsubscribeAction } from "@/server/actions/pay";

type State = "checking" | "unsupported" | "denied" | "off" | "on" | "working" | "failed";

function applicationServerKey(base64url: string) {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

async function registration() {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

/**
 * "Order ready" notifications for this phone, on or off. On means this browser holds a push
 * subscription and Canteen has it on file; off removes both, so nothing is sent to a phone
 * that asked not to be told.
 */
export function NotificationSetting() {
  const t = useTranslations("payApp.notifications");
  const [state, setState] = useState<State>("checking");

  useEffect(() => {
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
      setState("unsupported");
      return;
    }
    if (Notification.permission === "denied") {
      setState("denied");
      return;
    }
    void (async () => {
      const subscription = await (await registration())?.pushManager.getSubscription();
      if (!subscription) return setState("off");
      const known = await pushStatusAction(subscription.endpoint);
      setState(known.ok && known.data.subscribed ? "on" : "off");
    })().catch(() => setState("failed"));
  }, []);

  const turnOn = async () => {
    setState("working");
    try {
      if ((await Notification.requestPermission()) !== "granted") return setState(Notification.permission === "denied" ? "denied" : "off");
      const worker = await registration();
      const key = await pushPublicKeyAction();
      if (!worker || !key.ok) return setState("failed");
      const subscription =
        (await worker.pushManager.getSubscription()) ??
        (await worker.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(key.data.publicKey) }));
      const json = subscription.toJSON();
      if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) return setState("failed");
      const saved = await pushSubscribeAction({ endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth }, userAgent: navigator.userAgent.slice(0, 300) });
      setState(saved.ok ? "on" : "failed");
    } catch {
      setState("failed");
    }
  };

  const turnOff = async () => {
    setState("working");
    try {
      const subscription = await (await registration())?.pushManager.getSubscription();
      if (subscription) {
        const removed = await pushUnsubscribeAction(subscription.endpoint);
        if (!removed.ok) return setState("failed");
        await subscription.unsubscribe();
      }
      setState("off");
    } catch {
      setState("failed");
    }
  };

  const on = state === "on";
  const actionable = state === "on" || state === "off" || state === "failed";
  return (
    <div className="flex min-h-14 items-center justify-between gap-3" data-testid="notification-setting" data-state={state}>
      <div className="min-w-0">
        <h2 className="text-[15px] font-bold">{t("title")}</h2>
        <p className="text-xs break-keep text-muted">{t(`state.${state}`)}</p>
      </div>
      {actionable ? (
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-label={t("title")}
          onClick={() => void (on ? turnOff() : turnOn())}
          className="flex min-h-12 min-w-12 shrink-0 items-center justify-center"
        >
          <span className={`flex h-7 w-12 items-center rounded-full p-0.5 transition-colors ${on ? "bg-brand-500" : "bg-line"}`}>
            <span className={`size-6 rounded-full bg-white shadow transition-transform ${on ? "translate-x-5" : ""}`} />
          </span>
        </button>
      ) : null}
    </div>
  );
}
