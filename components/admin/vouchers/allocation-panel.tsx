"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { formatWon } from "@/lib/money";
import { toLocale } from "@/i18n/locales";
import { failureOf, newKey } from "./failure";

type Policy = { id: string; name: string; meal: string; amount: string | null };
type Period = { periodStart: string; periodEnd: string; policyIds: string[] };

function monthRange(month: string) {
  const [year, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(year ?? 2026, m ?? 1, 0)).getUTCDate();
  return { periodStart: `${month}-01`, periodEnd: `${month}-${String(last).padStart(2, "0")}` };
}

/** Choose a period and policies, preview who gets what, execute; the runs made so far, with revoke. */
export function AllocationPanel({ policies, thisMonth }: { policies: Policy[]; thisMonth: string }) {
  const t = useTranslations("hrVouchers");
  const tErrors = useTranslations("errors");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"month" | "range">("month");
  const [month, setMonth] = useState(thisMonth);
  const [range, setRange] = useState(monthRange(thisMonth));
  const [chosen, setChosen] = useState<string[]>(policies.map((p) => p.id));
  const [asked, setAsked] = useState<Period | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [executeKey, setExecuteKey] = useState(newKey);
  const period = (): Period => ({ ...(mode === "month" ? monthRange(month) : range), policyIds: chosen });
  const preview = useQuery({ ...trpc.voucherAdmin.previewAllocation.queryOptions(asked ?? { periodStart: "2000-01-01", periodEnd: "2000-01-01", policyIds: [] }), enabled: asked !== null, retry: false });
  const runs = useQuery(trpc.voucherAdmin.runs.queryOptions());
  const onError = (failure: unknown) => {
    const { messageKey } = failureOf(failure);
    setError(tErrors.has(messageKey) ? tErrors(messageKey) : t.has(`validation.${messageKey}`) ? t(`validation.${messageKey}`) : tErrors("generic"));
  };
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.voucherAdmin.runs.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.voucherAdmin.previewAllocation.queryKey() });
  };
  const execute = useMutation(trpc.voucherAdmin.executeAllocation.mutationOptions({ onSuccess: () => { setExecuteKey(newKey()); refresh(); }, onError }));
  const revoke = useMutation(trpc.voucherAdmin.revokeRun.mutationOptions({ onSuccess: refresh, onError }));
  const previewError = preview.error ? failureOf(preview.error).messageKey : null;
  const dateTime = new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-US", { dateStyle: "medium", timeStyle: "short" });
  const names = new Map(policies.map((p) => [p.id, p.name]));
  const input = "min-h-11 rounded-lg border border-line bg-white px-3 outline-none focus:border-brand-500";
  const data = preview.data;

  return (
    <div className="mt-6 space-y-6">
      {error ? <p role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-sm font-medium text-red-700">{error}</p> : null}
      <section className="rounded-xl border border-line bg-white p-6">
        <div className="flex flex-wrap items-end gap-6">
          <fieldset>
            <legend className="text-sm font-medium">{t("period")}</legend>
            <div className="mt-1 flex gap-2">
              {(["month", "range"] as const).map((m) => (
                <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)} className="min-h-11 rounded-lg border border-line px-4 text-sm font-semibold aria-pressed:border-brand-500 aria-pressed:bg-brand-50 aria-pressed:text-brand-700">
                  {t(m === "month" ? "byMonth" : "byRange")}
                </button>
              ))}
            </div>
          </fieldset>
          {mode === "month" ? (
            <label className="text-sm font-medium">
              <span className="block">{t("month")}</span>
              <input type="month" name="month" className={`${input} mt-1`} value={month} onChange={(e) => setMonth(e.target.value)} />
            </label>
          ) : (
            <div className="flex gap-2">
              <label className="text-sm font-medium"><span className="block">{t("from")}</span><input type="date" className={`${input} mt-1`} value={range.periodStart} onChange={(e) => setRange({ ...range, periodStart: e.target.value })} /></label>
              <label className="text-sm font-medium"><span className="block">{t("to")}</span><input type="date" className={`${input} mt-1`} value={range.periodEnd} onChange={(e) => setRange({ ...range, periodEnd: e.target.value })} /></label>
            </div>
          )}
          <fieldset>
            <legend className="text-sm font-medium">{t("policies")}</legend>
            <div className="mt-1 flex flex-wrap gap-2">
              {policies.map((p) => (
                <label key={p.id} className="flex min-h-11 items-center gap-2 rounded-lg border border-line px-3 text-sm">
                  <input type="checkbox" className="size-5" checked={chosen.includes(p.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, p.id] : chosen.filter((id) => id !== p.id))} />
                  {p.name} · {t(`meals.${p.meal}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <button type="button" onClick={() => { setError(null); setAsked(period()); }} className="min-h-11 rounded-lg bg-ink px-5 text-sm font-semibold text-white">
            {t("preview")}
          </button>
        </div>
      </section>

      {previewError ? <p role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-sm font-medium text-red-700">{tErrors.has(previewError) ? tErrors(previewError) : t.has(`validation.${previewError}`) ? t(`validation.${previewError}`) : tErrors("generic")}</p> : null}
      {asked && preview.isFetching ? <p className="text-sm text-muted">{t("calculating")}</p> : null}
      {asked && data && !preview.isFetching ? (
        <section className="rounded-xl border border-line bg-white p-6" data-testid="allocation-preview">
          <div className="flex items-start justify-between">
            <div>
              <h2 className="font-semibold">{t("previewTitle", { start: data.periodStart, end: data.periodEnd })}</h2>
              <p className="mt-1 text-sm text-muted">{t("serviceDays", { days: data.serviceDays })}</p>
            </div>
            <button
              type="button"
              disabled={execute.isPending || data.grants === 0}
              onClick={() => { setError(null); execute.mutate({ ...asked, idempotencyKey: executeKey }); }}
              className="min-h-12 rounded-xl bg-brand-500 px-6 font-semibold text-white hover:bg-brand-600 disabled:opacity-50"
            >
              {execute.isPending ? t("executing") : t("execute", { count: data.grants })}
            </button>
          </div>
          <dl className="mt-5 grid grid-cols-4 gap-4">
            <Stat label={t("people")} value={data.people.toLocaleString(locale)} testId="preview-people" />
            <Stat label={t("grants")} value={data.grants.toLocaleString(locale)} testId="preview-grants" />
            <Stat label={t("totalCost")} value={formatWon(data.totalAmount, locale)} testId="preview-total" />
            <Stat label={t("midPeriodHires")} value={data.midPeriodHires.toLocaleString(locale)} />
          </dl>
          <div className="mt-6 grid grid-cols-2 gap-6">
            <div>
              <h3 className="text-sm font-semibold">{t("byDepartment")}</h3>
              <table className="mt-2 w-full text-left text-sm">
                <thead className="text-muted"><tr><th className="py-2 font-medium">{t("department")}</th><th className="py-2 text-right font-medium">{t("people")}</th><th className="py-2 text-right font-medium">{t("cost")}</th></tr></thead>
                <tbody>
                  {data.byDepartment.map((d) => (
                    <tr key={d.departmentId ?? "none"} className="border-t border-line">
                      <td className="py-2">{(locale === "ko" ? d.nameKo : d.nameEn) || t("noDepartment")}</td>
                      <td className="tabular py-2 text-right">{d.people.toLocaleString(locale)}</td>
                      <td className="tabular py-2 text-right">{formatWon(d.amount, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div>
              <h3 className="text-sm font-semibold">{t("excludedTitle")}</h3>
              <ul className="mt-2 flex flex-wrap gap-2 text-xs">
                {Object.entries(data.excludedCounts).filter(([, n]) => n > 0).map(([reason, n]) => (
                  <li key={reason} className="rounded-md bg-canvas px-2 py-1 font-semibold">{t(`reasons.${reason}`)} {n}</li>
                ))}
              </ul>
              <div className="mt-2 max-h-64 overflow-y-auto">
                <table className="w-full text-left text-sm">
                  <tbody>
                    {data.excluded.map((row) => (
                      <tr key={row.employeeId} className="border-t border-line">
                        <td className="tabular py-2 text-muted">{row.employeeNo}</td>
                        <td className="py-2">{row.name}</td>
                        <td className="py-2 text-muted">{locale === "ko" ? row.nameKo : row.nameEn}</td>
                        <td className="py-2 text-right">{t(`reasons.${row.reason}`)}</td>
                      </tr>
                    ))}
                    {data.excluded.length === 0 ? <tr><td className="py-6 text-center text-muted">{t("nobodyExcluded")}</td></tr> : null}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </section>
      ) : null}

      <section className="overflow-hidden rounded-xl border border-line bg-white">
        <div className="border-b border-line px-6 py-4">
          <h2 className="font-semibold">{t("runsTitle")}</h2>
          <p className="mt-1 text-sm text-muted">{t("runsHint")}</p>
        </div>
        <table className="w-full text-left text-sm" data-testid="runs-table">
          <thead className="bg-canvas/60 text-muted">
            <tr>
              <th className="px-4 py-3 font-medium">{t("ranAt")}</th>
              <th className="px-4 py-3 font-medium">{t("ranBy")}</th>
              <th className="px-4 py-3 font-medium">{t("period")}</th>
              <th className="px-4 py-3 font-medium">{t("policies")}</th>
              <th className="px-4 py-3 text-right font-medium">{t("people")}</th>
              <th className="px-4 py-3 text-right font-medium">{t("grants")}</th>
              <th className="px-4 py-3 text-right font-medium">{t("totalCost")}</th>
              <th className="px-4 py-3 font-medium"><span className="sr-only">{t("revoke")}</span></th>
            </tr>
          </thead>
          <tbody>
            {(runs.data ?? []).map((run) => (
              <tr key={run.id} className="border-t border-line">
                <td className="px-4 py-3">{dateTime.format(run.createdAt)}</td>
                <td className="px-4 py-3">{run.createdByName}</td>
                <td className="tabular px-4 py-3">{run.periodStart} – {run.periodEnd}</td>
                <td className="px-4 py-3">{run.policyIds.map((id) => names.get(id) ?? "—").join(", ")}</td>
                <td className="tabular px-4 py-3 text-right">{run.employeeCount.toLocaleString(locale)}</td>
                <td className="tabular px-4 py-3 text-right">{run.grantCount.toLocaleString(locale)}</td>
                <td className="tabular px-4 py-3 text-right">{formatWon(run.totalAmount, locale)}</td>
                <td className="px-4 py-3 text-right">
                  {run.status === "revoked" ? (
                    <span className="rounded-md bg-canvas px-2 py-1 text-xs font-semibold text-muted">{t("revokedNote", { amount: formatWon(run.returnedAmount, locale) })}</span>
                  ) : run.grantCount > 0 ? (
                    <button
                      type="button"
                      disabled={revoke.isPending}
                      onClick={() => { if (window.confirm(t("revokeConfirm"))) revoke.mutate({ runId: run.id, idempotencyKey: newKey() }); }}
                      className="min-h-11 rounded-lg border border-line px-3 text-sm font-semibold text-red-700 hover:bg-red-50"
                    >
                      {t("revoke")}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
            {runs.data?.length === 0 ? <tr><td colSpan={8} className="px-4 py-12 text-center text-muted">{t("noRuns")}</td></tr> : null}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-lg bg-canvas/60 px-4 py-3">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="tabular mt-1 text-xl font-bold" data-testid={testId}>{value}</dd>
    </div>
  );
}
