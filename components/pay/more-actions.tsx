"use client";

import { useCallback, useEffect, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { signOutAction } from "@/server/actions/auth";
import { listPayDevicesAction, revokePayDeviceAction, signOutEverywhereAction } from "@/server/actions/pay";
import { usePayDevice } from "./pay-device";
import { forgetOfflinePages } from "./offline-pages";
import { useOnline } from "./use-online";

type DeviceRow = { deviceId: string; deviceNo: number; label: string; status: "active" | "revoked"; createdAt: Date; revokedAt: Date | null };

/** The person's registered phones, newest first, each revocable; this phone is marked. */
export function DevicesList() {
  const t = useTranslations("payApp");
  const tErrors = useTranslations("errors");
  const format = useFormatter();
  const online = useOnline();
  const { device, forgetRevoked } = usePayDevice();
  const [rows, setRows] = useState<DeviceRow[] | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [errorKey, setErrorKey] = useState<string | null>(null);
  const load = useCallback(async () => {
    const result = await listPayDevicesAction();
    if (result.ok) setRows(result.data);
    else setErrorKey(result.error);
  }, []);
  useEffect(() => {
    if (online) load().catch(() => setErrorKey("generic"));
  }, [online, load]);
  const revoke = async (deviceId: string) => {
    setPending(true);
    try {
      const result = await revokePayDeviceAction(deviceId);
      if (!result.ok) return setErrorKey(result.error);
      setErrorKey(null);
      forgetRevoked(result.data.deviceId);
      setConfirming(null);
      await load();
    } catch {
      setErrorKey("generic");
    } finally {
      setPending(false);
    }
  };

  if (!online) return <p className="px-1 py-4 text-sm text-muted">{t("devicesOffline")}</p>;
  if (!rows) return errorKey ? <p className="px-1 py-4 text-sm text-red-600">{tErrors(errorKey)}</p> : <div className="h-20 animate-pulse rounded-2xl bg-canvas" />;
  if (rows.length === 0) return <p className="px-1 py-4 text-sm text-muted">{t("noDevices")}</p>;

  return (
    <>
      <ul className="divide-y divide-line" data-testid="devices-list">
        {rows.map((row) => {
          const thisPhone = device?.deviceId === row.deviceId;
          const revoked = row.status === "revoked";
          return (
            <li key={row.deviceId} data-testid="device-row" data-this-phone={thisPhone ? "true" : undefined} className="flex items-center gap-3 py-3">
              <div className={`flex size-10 shrink-0 items-center justify-center rounded-xl ${revoked ? "bg-canvas text-[#b0b8c1]" : "bg-brand-50 text-brand-500"}`}>
                <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
                  <rect x="6.5" y="2.5" width="11" height="19" rx="2.5" />
                  <path d="M11 18.5h2" strokeLinecap="round" />
                </svg>
              </div>
              <div className="min-w-0 flex-1">
                <p className={`truncate text-[15px] font-semibold ${revoked ? "text-muted" : ""}`}>
                  {row.label}
                  {thisPhone ? <span className="ml-2 rounded-md bg-brand-50 px-1.5 py-0.5 text-xs font-bold text-brand-600">{t("thisPhone")}</span> : null}
                </p>
                <p className="text-xs text-muted">
                  {revoked && row.revokedAt
                    ? t("deviceRevokedAt", { date: format.dateTime(row.revokedAt, { year: "numeric", month: "short", day: "numeric" }) })
                    : t("deviceRegisteredAt", { date: format.dateTime(row.createdAt, { year: "numeric", month: "short", day: "numeric" }) })}
                </p>
              </div>
              {revoked ? (
                <span className="text-xs font-semibold text-muted">{t("deviceRevoked")}</span>
              ) : confirming === row.deviceId ? (
                <div className="flex gap-1">
                  <button type="button" onClick={() => setConfirming(null)} className="min-h-12 rounded-xl px-3 text-sm font-semibold text-muted">
                    {t("cancel")}
                  </button>
                  <button
                    type="button"
                    data-testid="confirm-revoke"
                    disabled={pending}
                    onClick={() => void revoke(row.deviceId)}
                    className="min-h-12 rounded-xl bg-red-500 px-3 text-sm font-bold text-white disabled:opacity-50"
                  >
                    {t("revokeConfirm")}
                  </button>
                </div>
              ) : (
                <button
                  type="button"
                  data-testid="revoke-device"
                  onClick={() => setConfirming(row.deviceId)}
                  className="min-h-12 rounded-xl bg-canvas px-3.5 text-sm font-semibold text-ink"
                >
                  {t("revoke")}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {errorKey ? (
        <p role="alert" className="mt-2 text-sm text-red-600">{tErrors(errorKey)}</p>
      ) : null}
    </>
  );
}

/** Signs this browser out after dropping the pages the worker cached for the person. */
export function PaySignOutButton() {
  const t = useTranslations("common");
  return (
    <form
      action={async () => {
        await forgetOfflinePages();
        await signOutAction();
      }}
    >
      <button className="flex min-h-14 w-full items-center px-1 text-left text-[15px] font-semibold text-ink">{t("signOut")}</button>
    </form>
  );
}

/** Ends every session of the person on every device, this one included. */
export function SignOutEverywhere() {
  const t = useTranslations("payApp");
  const tErrors = useTranslations("errors");
  const online = useOnline();
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const [errorKey, setErrorKey] = useState<string | null>(null);
  const confirm = async () => {
    setPending(true);
    try {
      const result = await signOutEverywhereAction();
      if (!result.ok) return setErrorKey(result.error);
      await forgetOfflinePages();
      window.location.assign("/login?face=pay");
    } catch {
      setErrorKey("generic");
    } finally {
      setPending(false);
    }
  };
  if (!asking) {
    return (
      <button
        type="button"
        data-testid="sign-out-everywhere"
        onClick={() => setAsking(true)}
        disabled={!online}
        className="flex min-h-14 w-full items-center px-1 text-left text-[15px] font-semibold text-red-600 disabled:opacity-40"
      >
        {t("signOutEverywhere")}
      </button>
    );
  }
  return (
    <div className="rounded-2xl bg-red-50 p-4" role="alertdialog" aria-labelledby="everywhere-title">
      <p id="everywhere-title" className="text-[15px] font-bold text-red-700">{t("signOutEverywhereTitle")}</p>
      <p className="mt-1 text-sm text-red-700/80">{t("signOutEverywhereBody")}</p>
      {errorKey ? <p className="mt-2 text-sm text-red-700">{tErrors(errorKey)}</p> : null}
      <div className="mt-3 grid grid-cols-2 gap-2">
        <button type="button" onClick={() => setAsking(false)} className="min-h-12 rounded-xl bg-white text-sm font-semibold text-ink">
          {t("cancel")}
        </button>
        <button
          type="button"
          data-testid="confirm-sign-out-everywhere"
          disabled={pending}
          onClick={() => void confirm()}
          className="min-h-12 rounded-xl bg-red-500 text-sm font-bold text-white disabled:opacity-50"
        >
          {t("signOutEverywhereConfirm")}
        </button>
      </div>
    </div>
  );
}
