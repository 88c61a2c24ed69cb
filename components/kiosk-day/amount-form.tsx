"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { DayActionState } from "@/server/actions/day";

/** One counted amount and a big button: the float in the morning, the drawer at night. */
export function AmountForm({
  action,
  label,
  submit,
  testId,
}: {
  action: (state: DayActionState, form: FormData) => Promise<DayActionState>;
  label: string;
  submit: string;
  testId: string;
}) {
  const tErrors = useTranslations("errors");
  const [state, formAction, pending] = useActionState(action, { error: null });
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3" data-testid={testId}>
      <label className="flex-1 text-sm font-semibold">
        {label}
        <input
          name="amount"
          inputMode="numeric"
          autoComplete="off"
          className="tabular mt-1.5 block min-h-14 w-full rounded-xl border border-line bg-white px-4 text-2xl font-bold outline-none focus:border-brand-500"
        />
      </label>
      <button disabled={pending} className="min-h-14 rounded-xl bg-ink px-8 text-lg font-semibold text-white disabled:opacity-50">
        {submit}
      </button>
      {state.error ? (
        <p role="alert" className="w-full rounded-xl bg-red-50 px-4 py-3 font-medium text-red-700">
          {tErrors(state.error as "generic")}
        </p>
      ) : null}
    </form>
  );
}
