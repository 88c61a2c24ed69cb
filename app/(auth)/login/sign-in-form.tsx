"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { signInWithPassword, type SignInState } from "@/server/actions/auth";

export function SignInForm({ next }: { next: string | null }) {
  const t = useTranslations("login");
  const [state, action, pending] = useActionState<SignInState, FormData>(signInWithPassword, {});
  const fieldClass =
    "mt-1.5 block min-h-12 w-full rounded-xl border border-line bg-white px-4 text-base outline-none focus:border-brand-500 focus:ring-4 focus:ring-brand-100 aria-invalid:border-red-500";
  return (
    <form action={action} noValidate className="space-y-4">
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {state.error ? (
        <p role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-sm font-medium text-red-700">
          {t(state.error)}
        </p>
      ) : null}
      <label className="block text-sm font-semibold">
        {t("email")}
        <input
          name="email"
          type="email"
          autoComplete="username"
          defaultValue={state.email}
          aria-invalid={Boolean(state.fieldErrors?.email)}
          className={fieldClass}
        />
        {state.fieldErrors?.email ? (
          <span className="mt-1 block text-sm font-normal text-red-600">{t(state.fieldErrors.email)}</span>
        ) : null}
      </label>
      <label className="block text-sm font-semibold">
        {t("password")}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={Boolean(state.fieldErrors?.password)}
          className={fieldClass}
        />
        {state.fieldErrors?.password ? (
          <span className="mt-1 block text-sm font-normal text-red-600">{t(state.fieldErrors.password)}</span>
        ) : null}
      </label>
      <button
        disabled={pending}
        className="min-h-12 w-full rounded-xl bg-brand-500 text-base font-semibold text-white hover:bg-brand-600 disabled:opacity-60"
      >
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
