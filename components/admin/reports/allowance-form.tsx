"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { failureOf } from "@/components/admin/vouchers/failure";

/** HR changes the monthly tax-free cap from a month on; the page re-reads the report after saving. */
export function AllowanceForm({ month, amount }: { month: string; amount: string }) {
  const t = useTranslations("reports");
  const tErrors = useTranslations("errors");
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(amount);
  const [from, setFrom] = useState(month);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = useMutation(
    trpc.reports.setMealAllowance.mutationOptions({
      onSuccess: () => {
        setMessage({ ok: true, text: t("allowanceSaved") });
        setOpen(false);
        router.refresh();
      },
      onError: (error) => {
        const { messageKey, fields } = failureOf(error);
        const field = fields.amount ?? fields.effectiveMonth;
        setMessage({ ok: false, text: field && t.has(`validation.${field}`) ? t(`validation.${field}`) : tErrors.has(messageKey) ? tErrors(messageKey) : tErrors("generic") });
      },
    }),
  );
  const input = "min-h-11 rounded-lg border border-line bg-white px-3 text-sm outline-none focus:border-brand-500";
  return (
    <div className="mt-3">
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={`mb-3 rounded-lg px-3 py-2 text-sm font-medium ${message.ok ? "bg-brand-50 text-brand-700" : "bg-red-50 text-red-700"}`}>
          {message.text}
        </p>
      ) : null}
      {open ? (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            setMessage(null);
            const parsed = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
            save.mutate({ effectiveMonth: from, amount: parsed });
          }}
        >
          <label className="text-sm font-medium">
            <span className="block text-muted">{t("allowanceAmount")}</span>
            <input name="allowance" inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} className={`${input} mt-1 w-40 text-right`} />
          </label>
          <label className="text-sm font-medium">
            <span className="block text-muted">{t("allowanceEffective")}</span>
            <input type="month" name="effectiveMonth" value={from} onChange={(e) => setFrom(e.target.value)} required className={`${input} mt-1`} />
          </label>
          <button type="submit" disabled={save.isPending} className="min-h-11 rounded-lg bg-ink px-5 text-sm font-semibold text-white disabled:opacity-50">
            {save.isPending ? t("allowanceSaving") : t("allowanceSave")}
          </button>
          <p className="w-full text-xs text-muted">{t("allowanceHint")}</p>
        </form>
      ) : (
        <button type="button" onClick={() => setOpen(true)} className="min-h-11 rounded-lg border border-line px-4 text-sm font-semibold hover:bg-canvas">
          {t("allowanceChange")}
        </button>
      )}
    </div>
  );
}
