"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { Keypad } from "./keypad";
import { describeFailure } from "./payment-logic";

// Kept in localStorage so a reload (or a curious customer pulling to refresh) stays locked.
const LOCK_KEY = "canteen.kiosk.locked";

/** A "lock" button for the kiosk header, and the overlay that only the store manager's PIN lifts. */
export function LockScreen() {
  const t = useTranslations("devices");
  const tErrors = useTranslations("errors");
  const trpc = useTRPC();
  const [locked, setLocked] = useState(false);
  const [pin, setPin] = useState("");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setLocked(window.localStorage.getItem(LOCK_KEY) === "1");
  }, []);
  const lock = () => {
    window.localStorage.setItem(LOCK_KEY, "1");
    setPin("");
    setError(null);
    setLocked(true);
  };
  const unlock = useMutation(
    trpc.devices.unlock.mutationOptions({
      onSuccess: () => {
        window.localStorage.removeItem(LOCK_KEY);
        setLocked(false);
        setPin("");
      },
      onError: (failure) => {
        const described = describeFailure(failure);
        setPin("");
        setError(tErrors(described.kind === "refused" && tErrors.has(described.messageKey) ? described.messageKey : "generic"));
      },
    }),
  );
  return (
    <>
      <button
        type="button"
        onClick={lock}
        className="flex min-h-12 items-center rounded-xl px-3 font-semibold text-white/80 hover:bg-white/10 hover:text-white"
      >
        {t("lock")}
      </button>
      {locked ? (
        <div role="dialog" aria-modal="true" aria-label={t("locked")} data-testid="kiosk-lock" className="fixed inset-0 z-50 flex items-center justify-center bg-ink/95 text-ink">
          <form
            className="w-80 rounded-3xl bg-canvas p-6"
            onSubmit={(event) => {
              event.preventDefault();
              if (pin.length >= 4) unlock.mutate({ pin });
            }}
          >
            <h2 className="text-center text-xl font-bold">{t("locked")}</h2>
            <p className="mt-1 text-center text-sm text-muted">{t("unlockHelp")}</p>
            <label className="sr-only" htmlFor="kiosk-lock-pin">{t("pinLabel")}</label>
            <input
              id="kiosk-lock-pin"
              type="password"
              inputMode="numeric"
              value={pin}
              maxLength={6}
              onChange={(event) => setPin(event.target.value.replace(/[^0-9]/g, "").slice(0, 6))}
              className="tabular mt-4 block min-h-14 w-full rounded-xl border border-line bg-white text-center text-3xl tracking-[0.4em]"
            />
            {error ? (
              <p role="alert" className="mt-3 text-center text-sm font-medium text-red-700">
                {error}
              </p>
            ) : null}
            <div className="mt-4">
              <Keypad
                extra="clear"
                disabled={unlock.isPending}
                onDigits={(digits) => setPin((current) => (current + digits).slice(0, 6))}
                onBackspace={() => setPin((current) => current.slice(0, -1))}
                onClear={() => setPin("")}
              />
            </div>
            <button
              disabled={unlock.isPending || pin.length < 4}
              className="mt-4 min-h-12 w-full rounded-xl bg-brand-500 font-semibold text-white disabled:opacity-60"
            >
              {t("unlock")}
            </button>
          </form>
        </div>
      ) : null}
    </>
  );
}
