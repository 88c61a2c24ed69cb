"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { generatePayCode, PAY_CODE_STEP_SECONDS, payCodeStep, secondsLeft } from "@/lib/paycode";
import { Barcode, QrCode, groupDigits } from "./code-graphics";
import { usePayDevice } from "./pay-device";
import { useOnline } from "./use-online";

/** The code of the current 30 s step, made on the phone from its secret: no network involved. */
function useLiveCode(secret: string | null, deviceNo: number | null) {
  const [now, setNow] = useState(() => new Date());
  const [code, setCode] = useState<{ step: number; value: string } | null>(null);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 250);
    return () => window.clearInterval(timer);
  }, []);

  const step = payCodeStep(now);
  useEffect(() => {
    if (!secret || deviceNo === null) return;
    let current = true;
    void generatePayCode({ secret, deviceNo, now: new Date(step * PAY_CODE_STEP_SECONDS * 1000) }).then((value) => {
      if (current) setCode({ step, value });
    });
    return () => {
      current = false;
    };
  }, [secret, deviceNo, step]);

  return { code: code?.step === step ? code.value : null, left: secondsLeft(now) };
}

export function PayCodeScreen() {
  const t = useTranslations("payApp");
  const tErrors = useTranslations("errors");
  const online = useOnline();
  const { status, device, errorKey, register } = usePayDevice();
  const active = device?.state === "active" ? device : null;
  const { code, left } = useLiveCode(active?.secret ?? null, active?.deviceNo ?? null);

  if (status === "active" && active) {
    return (
      <section aria-labelledby="pay-code-title" className="flex flex-col items-center">
        <h1 id="pay-code-title" className="sr-only">{t("codeTitle")}</h1>
        <div className="w-full rounded-[28px] bg-white px-6 pt-6 pb-5 shadow-sm">
          <div className="flex items-center justify-between text-sm">
            <span className="font-semibold text-ink">{t("codeHeading")}</span>
            {!online ? (
              <span data-testid="pay-offline-badge" className="rounded-full bg-amber-50 px-2.5 py-1 text-xs font-semibold text-amber-700">
                {t("offlineBadge")}
              </span>
            ) : null}
          </div>
          <div className="mt-4 flex h-[76px] items-center justify-center">
            {code ? <Barcode value={code} label={t("barcodeLabel")} className="h-[76px] w-full" /> : <div className="h-[76px] w-full animate-pulse rounded-lg bg-canvas" />}
          </div>
          <p data-testid="pay-code-digits" className="tabular mt-3 text-center font-mono text-[19px] font-semibold tracking-[0.08em] text-ink">
            {code ? groupDigits(code) : "\u00a0"}
          </p>
          <div className="mx-auto mt-4 flex size-[188px] items-center justify-center">
            {code ? <QrCode value={code} label={t("qrLabel")} className="size-[188px]" /> : <div className="size-[188px] animate-pulse rounded-xl bg-canvas" />}
          </div>
          <div className="mt-5" aria-live="off">
            <div className="h-1.5 overflow-hidden rounded-full bg-canvas">
              <div
                className="h-full rounded-full bg-brand-500 transition-[width] duration-300 ease-linear"
                style={{ width: `${(left / PAY_CODE_STEP_SECONDS) * 100}%` }}
              />
            </div>
            <p className="mt-2 text-center text-sm text-muted">
              <span data-testid="pay-code-countdown" className="tabular font-semibold text-brand-600">{t("secondsLeft", { seconds: left })}</span>{" "}
              {t("refreshesAutomatically")}
            </p>
          </div>
        </div>
        <p className="mt-4 px-4 text-center text-[13px] leading-relaxed text-muted">{t("codeHint")}</p>
      </section>
    );
  }

  return (
    <section data-testid="pay-code-state" className="rounded-[28px] bg-white px-6 py-10 text-center shadow-sm">
      {status === "revoked" ? (
        <>
          <StateIcon tone="warn" />
          <h1 className="mt-4 text-lg font-bold">{t("revokedTitle")}</h1>
          <p className="mt-2 text-sm leading-relaxed text-muted">{t("revokedBody")}</p>
          <RegisterButton online={online} onClick={register} label={t("registerAgain")} />
        </>
      ) : status === "failed" ? (
        <>
          <StateIcon tone="warn" />
          <h1 className="mt-4 text-lg font-bold">{t("registerFailedTitle")}</h1>
          <p className="mt-2 text-sm text-muted">{tErrors(errorKey ?? "generic")}</p>
          <RegisterButton online={online} onClick={register} label={t("tryAgain")} />
        </>
      ) : status === "none" && !online ? (
        <>
          <StateIcon tone="info" />
          <h1 className="mt-4 text-lg font-bold">{t("registerOfflineTitle")}</h1>
          <p className="mt-2 text-sm text-muted">{t("registerOfflineBody")}</p>
        </>
      ) : (
        <>
          <div className="mx-auto size-10 animate-spin rounded-full border-4 border-brand-100 border-t-brand-500" aria-hidden />
          <p className="mt-4 text-sm font-medium text-muted">{status === "loading" ? t("loadingCode") : t("registering")}</p>
        </>
      )}
    </section>
  );
}

function RegisterButton({ online, onClick, label }: { online: boolean; onClick: () => void; label: string }) {
  const t = useTranslations("payApp");
  return (
    <>
      <button
        type="button"
        onClick={onClick}
        disabled={!online}
        data-testid="register-device"
        className="mt-6 min-h-14 w-full rounded-2xl bg-brand-500 text-base font-bold text-white active:bg-brand-600 disabled:opacity-40"
      >
        {label}
      </button>
      {!online ? <p className="mt-2 text-xs text-muted">{t("needsConnection")}</p> : null}
    </>
  );
}

function StateIcon({ tone }: { tone: "warn" | "info" }) {
  return (
    <div className={`mx-auto flex size-14 items-center justify-center rounded-full ${tone === "warn" ? "bg-red-50 text-red-500" : "bg-brand-50 text-brand-500"}`}>
      <svg viewBox="0 0 24 24" className="size-7" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" aria-hidden>
        {tone === "warn" ? <path d="M12 8v5M12 16.5v.5M10.3 3.9 2.6 17.2A2 2 0 0 0 4.3 20h15.4a2 2 0 0 0 1.7-2.8L13.7 3.9a2 2 0 0 0-3.4 0z" /> : <path d="M2 8.8a15 15 0 0 1 20 0M5.5 12.5a10 10 0 0 1 13 0M9 16.2a5 5 0 0 1 6 0M12 20h.01" />}
      </svg>
    </div>
  );
}
