"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { formatWon } from "@/lib/money";
import { toLocale } from "@/i18n/locales";
import { failureOf, newKey } from "./failure";

/** Find an employee, see their voucher balance and grants, give or take back value with a reason. */
export function AdjustPanel({ today }: { today: string }) {
  const t = useTranslations("hrVouchers");
  const tErrors = useTranslations("errors");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [asked, setAsked] = useState("");
  const [employeeId, setEmployeeId] = useState<string | null>(null);
  const [form, setForm] = useState({ direction: "grant" as "grant" | "takeBack", amount: "", reason: "", meal: "lunch" as "breakfast" | "lunch" | "dinner", validFrom: today, validUntil: today });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const found = useQuery({ ...trpc.voucherAdmin.findEmployees.queryOptions({ search: asked || "-" }), enabled: asked.length > 0 });
  const detail = useQuery({ ...trpc.voucherAdmin.employeeVouchers.queryOptions({ employeeId: employeeId ?? "00000000-0000-0000-0000-000000000000" }), enabled: employeeId !== null });
  const adjust = useMutation(
    trpc.voucherAdmin.adjust.mutationOptions({
      onSuccess: () => {
        setMessage({ ok: true, text: t("adjusted") });
        setForm((f) => ({ ...f, amount: "", reason: "" }));
        void queryClient.invalidateQueries({ queryKey: trpc.voucherAdmin.employeeVouchers.queryKey() });
      },
      onError: (failure) => {
        const { messageKey, fields } = failureOf(failure);
        const field = Object.values(fields)[0];
        setMessage({ ok: false, text: tErrors.has(messageKey) ? tErrors(messageKey) : field && t.has(`validation.${field}`) ? t(`validation.${field}`) : tErrors("generic") });
      },
    }),
  );
  const input = "min-h-11 w-full rounded-lg border border-line bg-white px-3 outline-none focus:border-brand-500";
  const dateTime = new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Seoul" });
  const data = detail.data;

  return (
    <div className="mt-6 grid grid-cols-3 gap-6">
      <section className="rounded-xl border border-line bg-white p-6">
        <form onSubmit={(e) => { e.preventDefault(); setAsked(search.trim()); }} className="flex gap-2">
          <input className={input} placeholder={t("searchEmployee")} value={search} onChange={(e) => setSearch(e.target.value)} name="employee-search" />
          <button className="min-h-11 shrink-0 whitespace-nowrap rounded-lg bg-ink px-4 text-sm font-semibold text-white">{t("find")}</button>
        </form>
        <ul className="mt-3 divide-y divide-line">
          {(found.data ?? []).map((e) => (
            <li key={e.id}>
              <button type="button" aria-pressed={employeeId === e.id} onClick={() => { setEmployeeId(e.id); setMessage(null); }} className="flex min-h-12 w-full items-center justify-between rounded-lg px-2 text-left text-sm aria-pressed:bg-brand-50">
                <span className="font-medium">{e.name}</span>
                <span className="tabular text-muted">{e.employeeNo}</span>
              </button>
            </li>
          ))}
          {asked && found.data?.length === 0 ? <li className="py-6 text-center text-sm text-muted">{t("noEmployees")}</li> : null}
        </ul>
      </section>

      <section className="col-span-2 space-y-6">
        {data ? (
          <>
            <div className="rounded-xl border border-line bg-white p-6">
              <div className="flex items-end justify-between">
                <div>
                  <h2 className="text-lg font-bold">{data.employee.name} <span className="tabular text-sm font-normal text-muted">{data.employee.employeeNo}</span></h2>
                  <p className="text-sm text-muted">{locale === "ko" ? data.employee.nameKo : data.employee.nameEn}</p>
                </div>
                <div className="text-right">
                  <p className="text-xs text-muted">{t("voucherBalance")}</p>
                  <p className="tabular text-2xl font-bold" data-testid="voucher-balance">{formatWon(data.balance, locale)}</p>
                  <p className="text-xs text-muted">{t("activeGrants", { count: data.activeGrants })}</p>
                </div>
              </div>
              <form
                className="mt-6 grid grid-cols-4 gap-3 border-t border-line pt-5"
                onSubmit={(e) => {
                  e.preventDefault();
                  setMessage(null);
                  adjust.mutate({ idempotencyKey: newKey(), employeeId: data.employee.id, direction: form.direction, amount: Number(form.amount.replaceAll(",", "")), reason: form.reason, meal: form.meal, validFrom: form.validFrom, validUntil: form.validUntil });
                }}
              >
                <label className="text-sm font-medium">{t("direction")}
                  <select className={`${input} mt-1`} value={form.direction} onChange={(e) => setForm({ ...form, direction: e.target.value as "grant" | "takeBack" })}>
                    <option value="grant">{t("give")}</option>
                    <option value="takeBack">{t("takeBack")}</option>
                  </select>
                </label>
                <label className="text-sm font-medium">{t("amount")}<input className={`${input} tabular mt-1 text-right`} inputMode="numeric" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} /></label>
                {form.direction === "grant" ? (
                  <>
                    <label className="text-sm font-medium">{t("meal")}
                      <select className={`${input} mt-1`} value={form.meal} onChange={(e) => setForm({ ...form, meal: e.target.value as "breakfast" | "lunch" | "dinner" })}>
                        {(["breakfast", "lunch", "dinner"] as const).map((m) => <option key={m} value={m}>{t(`meals.${m}`)}</option>)}
                      </select>
                    </label>
                    <label className="text-sm font-medium">{t("validUntil")}<input type="date" className={`${input} mt-1`} value={form.validUntil} onChange={(e) => setForm({ ...form, validUntil: e.target.value })} /></label>
                  </>
                ) : <div className="col-span-2" />}
                <label className="col-span-3 text-sm font-medium">{t("reason")}<input className={`${input} mt-1`} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} /></label>
                <button type="submit" disabled={adjust.isPending} className="mt-6 min-h-11 rounded-xl bg-brand-500 font-semibold text-white hover:bg-brand-600 disabled:opacity-60">{t("apply")}</button>
              </form>
              {message ? <p role={message.ok ? "status" : "alert"} className={`mt-3 rounded-lg px-3 py-2 text-sm font-medium ${message.ok ? "bg-emerald-50 text-emerald-700" : "bg-red-50 text-red-700"}`}>{message.text}</p> : null}
            </div>
            <div className="overflow-hidden rounded-xl border border-line bg-white">
              <table className="w-full text-left text-sm">
                <thead className="bg-canvas/60 text-muted"><tr><th className="px-4 py-3 font-medium">{t("meal")}</th><th className="px-4 py-3 font-medium">{t("validUntil")}</th><th className="px-4 py-3 text-right font-medium">{t("amount")}</th><th className="px-4 py-3 text-right font-medium">{t("left")}</th><th className="px-4 py-3 font-medium">{t("status")}</th></tr></thead>
                <tbody>
                  {data.grants.slice(0, 20).map((g) => (
                    <tr key={g.id} className="border-t border-line">
                      <td className="px-4 py-2">{t(`meals.${g.meal}`)}{g.pooled ? ` · ${t("pooled")}` : ""}</td>
                      <td className="px-4 py-2">{dateTime.format(g.validUntil)}</td>
                      <td className="tabular px-4 py-2 text-right">{formatWon(g.amount, locale)}</td>
                      <td className="tabular px-4 py-2 text-right">{formatWon(g.balance, locale)}</td>
                      <td className="px-4 py-2">{t(`grantStatus.${g.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p className="rounded-xl border border-dashed border-line px-6 py-16 text-center text-sm text-muted">{t("pickEmployee")}</p>
        )}
      </section>
    </div>
  );
}
