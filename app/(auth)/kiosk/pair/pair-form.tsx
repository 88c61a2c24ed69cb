"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { pairKiosk, type PairState } from "@/server/actions/auth";

export function PairForm() {
  const t = useTranslations("devices");
  const [state, action, pending] = useActionState<PairState, FormData>(pairKiosk, {});
  return (
    <form action={action} noValidate className="space-y-4">
      {state.error ? (
        <p role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-sm font-medium text-red-700">
          {t(`pairError.${state.error}`)}
        </p>
      ) : null}
      <label className="block text-sm font-semibold">
        {t("codeLabel")}
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          pattern="[0-9]{6}"
          aria-invalid={Boolean(state.error)}
          className="tabular mt-1.5 block min-h-14 w-full rounded-xl border border-line bg-white px-4 text-center text-3xl tracking-[0.3em] outline-none focus:border-brand-500 focus:ring-4 focus:ring-brand-100"
        />
      </label>
      <button
        disabled={pending}
        className="min-h-12 w-full rounded-xl bg-brand-500 text-base font-semibold text-white hover:bg-brand-600 disabled:opacity-60"
      >
        {pending ? t("pairing") : t("pairSubmit")}
      </button>
    </form>
  );
}
