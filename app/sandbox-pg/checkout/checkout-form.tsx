"use client";

import { useState } from "react";

type Labels = Record<"cardNumber" | "cardNumberHint" | "expiry" | "outcome" | "approve" | "decline" | "timeout" | "cancel" | "waiting", string>;

/**
 * A plain form posted to the sandbox (POST /sandbox-pg/checkout/submit): the card number goes
 * to the PG only, never to Canteen. The script only shows "waiting" while the PG decides.
 */
export function CheckoutForm({
  hidden,
  labels,
  error,
  errorField,
}: {
  hidden: Record<string, string>;
  labels: Labels;
  error: string | null;
  errorField: "card" | "expiry" | null;
}) {
  const [waiting, setWaiting] = useState(false);
  const input =
    "mt-1 block min-h-12 w-full rounded-lg border bg-white/5 px-3 text-lg tracking-widest text-white outline-none placeholder:text-slate-500 focus:border-emerald-400";
  return (
    <form action="/sandbox-pg/checkout/submit" method="post" onSubmit={() => setWaiting(true)} className="mt-6 space-y-4">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label className="block">
        <span className="text-xs text-slate-300">{labels.cardNumber}</span>
        <input
          name="cardNumber"
          inputMode="numeric"
          autoComplete="cc-number"
          placeholder="0000 0000 0000 0000"
          aria-invalid={errorField === "card"}
          className={`${input} ${errorField === "card" ? "border-red-400" : "border-white/15"}`}
        />
        <span className="mt-1 block text-[11px] text-slate-500">{labels.cardNumberHint}</span>
      </label>
      <label className="block">
        <span className="text-xs text-slate-300">{labels.expiry}</span>
        <input
          name="expiry"
          inputMode="numeric"
          autoComplete="cc-exp"
          placeholder="MM/YY"
          aria-invalid={errorField === "expiry"}
          className={`${input} ${errorField === "expiry" ? "border-red-400" : "border-white/15"}`}
        />
      </label>
      {error ? (
        <p role="alert" data-testid="sandbox-error" className="rounded-lg bg-red-500/15 px-3 py-2 text-sm text-red-200">
          {error}
        </p>
      ) : null}
      {waiting ? (
        <p role="status" data-testid="sandbox-waiting" className="flex items-center gap-2 rounded-lg bg-white/5 px-3 py-3 text-sm text-amber-200">
          <span className="size-3 animate-ping rounded-full bg-amber-300" />
          {labels.waiting}
        </p>
      ) : null}
      <fieldset className="pt-2">
        <legend className="text-xs text-slate-300">{labels.outcome}</legend>
        <div className="mt-2 grid grid-cols-3 gap-2">
          <button name="action" value="approve" className="min-h-14 rounded-lg bg-emerald-500 font-bold text-slate-950 active:bg-emerald-400">
            {labels.approve}
          </button>
          <button name="action" value="decline" className="min-h-14 rounded-lg bg-rose-500 font-bold text-white active:bg-rose-400">
            {labels.decline}
          </button>
          <button name="action" value="timeout" className="min-h-14 rounded-lg bg-amber-400 font-bold text-slate-950 active:bg-amber-300">
            {labels.timeout}
          </button>
        </div>
      </fieldset>
      <button name="action" value="cancel" formNoValidate className="min-h-12 w-full rounded-lg border border-white/15 text-sm text-slate-300 active:bg-white/5">
        {labels.cancel}
      </button>
    </form>
  );
}
