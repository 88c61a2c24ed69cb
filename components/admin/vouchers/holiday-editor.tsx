"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { failureOf } from "./failure";

/** The public-holiday calendar policies skip: one year at a time, add a date, remove one. */
export function HolidayEditor({ initialYear }: { initialYear: number }) {
  const t = useTranslations("hrVouchers");
  const tErrors = useTranslations("errors");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(initialYear);
  const [form, setForm] = useState({ day: "", nameKo: "", nameEn: "" });
  const [error, setError] = useState<string | null>(null);
  const holidays = useQuery(trpc.voucherAdmin.holidays.queryOptions({ year }));
  const onError = (failure: unknown) => {
    const { messageKey, fields } = failureOf(failure);
    const field = Object.values(fields)[0];
    setError(tErrors.has(messageKey) ? tErrors(messageKey) : field && t.has(`validation.${field}`) ? t(`validation.${field}`) : tErrors("generic"));
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.voucherAdmin.holidays.queryKey() });
  const add = useMutation(trpc.voucherAdmin.addHoliday.mutationOptions({ onSuccess: () => { setForm({ day: "", nameKo: "", nameEn: "" }); void refresh(); }, onError }));
  const remove = useMutation(trpc.voucherAdmin.removeHoliday.mutationOptions({ onSuccess: () => void refresh(), onError }));
  const input = "min-h-11 rounded-lg border border-line bg-white px-3 outline-none focus:border-brand-500";
  const weekday = new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-US", { weekday: "short", timeZone: "UTC" });

  return (
    <div className="mt-6 grid grid-cols-3 gap-6">
      <section className="col-span-2 overflow-hidden rounded-xl border border-line bg-white">
        <div className="flex items-center justify-between border-b border-line px-6 py-3">
          <button type="button" onClick={() => setYear(year - 1)} className="min-h-11 rounded-lg border border-line px-4 text-sm font-semibold">{year - 1}</button>
          <h2 className="text-lg font-bold tabular" data-testid="holiday-year">{year}</h2>
          <button type="button" onClick={() => setYear(year + 1)} className="min-h-11 rounded-lg border border-line px-4 text-sm font-semibold">{year + 1}</button>
        </div>
        <table className="w-full text-left text-sm" data-testid="holidays-table">
          <tbody>
            {(holidays.data ?? []).map((h) => (
              <tr key={h.day} className="border-t border-line first:border-0">
                <td className="tabular px-6 py-3">{h.day} <span className="text-muted">({weekday.format(new Date(`${h.day}T00:00:00Z`))})</span></td>
                <td className="px-4 py-3 font-medium">{locale === "ko" ? h.nameKo : h.nameEn}</td>
                <td className="px-6 py-2 text-right">
                  <button type="button" onClick={() => { setError(null); remove.mutate({ day: h.day }); }} className="min-h-11 rounded-lg px-3 text-sm font-semibold text-red-700 hover:bg-red-50">{t("remove")}</button>
                </td>
              </tr>
            ))}
            {holidays.data?.length === 0 ? <tr><td className="px-6 py-12 text-center text-muted">{t("noHolidays")}</td></tr> : null}
          </tbody>
        </table>
      </section>
      <form
        className="h-fit space-y-3 rounded-xl border border-line bg-white p-6"
        onSubmit={(e) => { e.preventDefault(); setError(null); add.mutate(form); }}
      >
        <h2 className="font-semibold">{t("addHoliday")}</h2>
        {error ? <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm font-medium text-red-700">{error}</p> : null}
        <label className="block text-sm font-medium">{t("date")}<input type="date" required className={`${input} mt-1 w-full`} value={form.day} onChange={(e) => setForm({ ...form, day: e.target.value })} /></label>
        <label className="block text-sm font-medium">{t("nameKo")}<input className={`${input} mt-1 w-full`} value={form.nameKo} onChange={(e) => setForm({ ...form, nameKo: e.target.value })} /></label>
        <label className="block text-sm font-medium">{t("nameEn")}<input className={`${input} mt-1 w-full`} value={form.nameEn} onChange={(e) => setForm({ ...form, nameEn: e.target.value })} /></label>
        <button type="submit" disabled={add.isPending} className="min-h-12 w-full rounded-xl bg-brand-500 font-semibold text-white hover:bg-brand-600 disabled:opacity-60">{t("add")}</button>
      </form>
    </div>
  );
}
