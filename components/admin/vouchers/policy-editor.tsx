"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { policyTerms, createPolicyInput, type PolicyTerms } from "@/server/domain/vouchers/policy-input";
import { failureOf } from "./failure";
import { CategoryPicker } from "./category-picker";

type Meal = "breakfast" | "lunch" | "dinner";
type Form = {
  name: string;
  meal: Meal;
  active: boolean;
  amount: string;
  windowStart: string;
  windowEnd: string;
  weekdays: number[];
  includeHolidays: boolean;
  allStores: boolean;
  storeIds: string[];
  everyone: boolean;
  departmentIds: string[];
  allCategories: boolean;
  categoryIds: string[];
  dailyCap: string;
  monthlyCap: string;
  groupPaymentAllowed: boolean;
  unusedValue: PolicyTerms["unusedValue"];
  effectiveFrom: string;
};

export type PolicyEditorProps = { policyId?: string; initial: Form; today: string };

const number = (text: string) => (text.trim() === "" ? Number.NaN : Number(text.replaceAll(",", "")));

/** Creates a policy, or changes one from a date (a new version; the past keeps its terms). */
export function PolicyEditor({ policyId, initial, today }: PolicyEditorProps) {
  const t = useTranslations("hrVouchers");
  const tCategories = useTranslations("voucherCategories");
  const tErrors = useTranslations("errors");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const stores = useQuery(trpc.voucherAdmin.stores.queryOptions());
  const departments = useQuery(trpc.people.departments.queryOptions());
  const categories = useQuery(trpc.voucherAdmin.categories.queryOptions());
  const [form, setForm] = useState<Form>(initial);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const fieldText = (key: string) =>
    t.has(`validation.${key}`) ? t(`validation.${key}`) : tCategories.has(`validation.${key}`) ? tCategories(`validation.${key}`) : key;
  const onError = (failure: unknown) => {
    const { messageKey, fields: f } = failureOf(failure);
    setFields(Object.fromEntries(Object.entries(f).map(([k, v]) => [k, fieldText(v)])));
    setError(tErrors.has(messageKey) ? tErrors(messageKey) : t.has(`validation.${messageKey}`) ? t(`validation.${messageKey}`) : tErrors("generic"));
  };
  const done = () => {
    router.push("/admin/vouchers");
    router.refresh();
  };
  const create = useMutation(trpc.voucherAdmin.createPolicy.mutationOptions({ onSuccess: done, onError }));
  const change = useMutation(trpc.voucherAdmin.changePolicy.mutationOptions({ onSuccess: done, onError }));

  const terms = (): PolicyTerms => ({
    amount: number(form.amount),
    windowStart: form.windowStart,
    windowEnd: form.windowEnd,
    weekdays: [...form.weekdays].sort(),
    includeHolidays: form.includeHolidays,
    storeIds: form.allStores ? null : form.storeIds,
    departmentIds: form.everyone ? null : form.departmentIds,
    // Categories of stores since taken out of the policy are dropped rather than refused.
    categoryIds: form.allCategories ? null : form.categoryIds.filter((id) => categoryStoreAllowed(id)),
    dailyCap: form.dailyCap.trim() === "" ? null : number(form.dailyCap),
    monthlyCap: form.monthlyCap.trim() === "" ? null : number(form.monthlyCap),
    groupPaymentAllowed: form.groupPaymentAllowed,
    unusedValue: form.unusedValue,
    effectiveFrom: form.effectiveFrom,
  });

  const categoryStoreAllowed = (id: string) => {
    const storeId = categories.data?.find((category) => category.id === id)?.storeId;
    return form.allStores || storeId === undefined || form.storeIds.includes(storeId);
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    // The same schema as the server, checked here first so every problem shows at once, by its field.
    const parsed = policyId
      ? policyTerms.safeParse(terms())
      : createPolicyInput.safeParse({ name: form.name, meal: form.meal, terms: terms() });
    // zod skips the cross-field checks while any single field is wrong; show that one at once too.
    const windowWrong = /^\d\d:\d\d$/.test(form.windowStart) && /^\d\d:\d\d$/.test(form.windowEnd) && form.windowEnd <= form.windowStart;
    if (!parsed.success || windowWrong) {
      const next: Record<string, string> = {};
      if (windowWrong) next.windowEnd = fieldText("windowOrder");
      for (const issue of parsed.success ? [] : parsed.error.issues) {
        const key = String(issue.path.at(-1) ?? "form");
        next[key] ??= fieldText(issue.message);
      }
      setFields(next);
      setError(t("validation.invalidForm"));
      return;
    }
    setFields({});
    if (policyId) change.mutate({ policyId, name: form.name.trim(), active: form.active, terms: terms() });
    else create.mutate({ name: form.name, meal: form.meal, terms: terms() });
  };

  const input = "min-h-11 w-full rounded-lg border border-line bg-white px-3 outline-none focus:border-brand-500 aria-[invalid=true]:border-red-500";
  const label = "block text-sm font-medium";
  const FieldError = ({ name }: { name: string }) =>
    fields[name] ? <span className="mt-1 block text-xs font-medium text-red-600" data-testid={`error-${name}`}>{fields[name]}</span> : null;
  const pending = create.isPending || change.isPending;

  return (
    <form onSubmit={submit} noValidate className="mt-6 grid grid-cols-3 gap-6" data-testid="policy-form">
      <div className="col-span-2 space-y-6">
        {error ? <p role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-sm font-medium text-red-700">{error}</p> : null}
        <section className="rounded-xl border border-line bg-white p-6">
          <h2 className="font-semibold">{t("basics")}</h2>
          <div className="mt-4 grid grid-cols-2 gap-4">
            <label className={label}>
              {t("name")}
              <input className={`${input} mt-1`} value={form.name} onChange={(e) => set("name", e.target.value)} aria-invalid={!!fields.name} name="name" />
              <FieldError name="name" />
            </label>
            <label className={label}>
              {t("meal")}
              <select className={`${input} mt-1`} value={form.meal} disabled={!!policyId} onChange={(e) => set("meal", e.target.value as Meal)} name="meal">
                {(["breakfast", "lunch", "dinner"] as const).map((meal) => <option key={meal} value={meal}>{t(`meals.${meal}`)}</option>)}
              </select>
            </label>
            <label className={label}>
              {t("amount")}
              <span className="relative mt-1 block">
                <input className={`${input} tabular pr-10 text-right`} inputMode="numeric" value={form.amount} onChange={(e) => set("amount", e.target.value)} aria-invalid={!!fields.amount} name="amount" />
                <span className="absolute top-1/2 right-3 -translate-y-1/2 text-sm text-muted">{t("won")}</span>
              </span>
              <FieldError name="amount" />
            </label>
            <div className="grid grid-cols-2 gap-2">
              <label className={label}>
                {t("windowStart")}
                <input type="time" className={`${input} mt-1`} value={form.windowStart} onChange={(e) => set("windowStart", e.target.value)} aria-invalid={!!fields.windowStart} name="windowStart" />
                <FieldError name="windowStart" />
              </label>
              <label className={label}>
                {t("windowEnd")}
                <input type="time" className={`${input} mt-1`} value={form.windowEnd} onChange={(e) => set("windowEnd", e.target.value)} aria-invalid={!!fields.windowEnd} name="windowEnd" />
                <FieldError name="windowEnd" />
              </label>
            </div>
          </div>
          <fieldset className="mt-5">
            <legend className={label}>{t("weekdays")}</legend>
            <div className="mt-2 flex gap-2">
              {[1, 2, 3, 4, 5, 6, 7].map((day) => {
                const on = form.weekdays.includes(day);
                return (
                  <button
                    key={day}
                    type="button"
                    aria-pressed={on}
                    onClick={() => set("weekdays", on ? form.weekdays.filter((d) => d !== day) : [...form.weekdays, day])}
                    className="min-h-11 min-w-12 rounded-lg border border-line bg-white px-3 text-sm font-semibold aria-pressed:border-brand-500 aria-pressed:bg-brand-50 aria-pressed:text-brand-700"
                  >
                    {t(`weekday.${day}`)}
                  </button>
                );
              })}
            </div>
            <FieldError name="weekdays" />
          </fieldset>
          <label className="mt-4 flex min-h-11 items-center gap-3 text-sm">
            <input type="checkbox" className="size-5" checked={form.includeHolidays} onChange={(e) => set("includeHolidays", e.target.checked)} />
            {t("includeHolidays")}
          </label>
        </section>

        <section className="rounded-xl border border-line bg-white p-6">
          <h2 className="font-semibold">{t("whereAndWho")}</h2>
          <div className="mt-4 grid grid-cols-2 gap-6">
            <fieldset>
              <legend className={label}>{t("stores")}</legend>
              <label className="mt-2 flex min-h-11 items-center gap-3 text-sm">
                <input type="checkbox" className="size-5" checked={form.allStores} onChange={(e) => set("allStores", e.target.checked)} />
                {t("allStores")}
              </label>
              {!form.allStores
                ? (stores.data ?? []).map((store) => (
                    <label key={store.id} className="flex min-h-11 items-center gap-3 pl-8 text-sm">
                      <input type="checkbox" className="size-5" checked={form.storeIds.includes(store.id)} onChange={(e) => set("storeIds", e.target.checked ? [...form.storeIds, store.id] : form.storeIds.filter((id) => id !== store.id))} />
                      {locale === "ko" ? store.nameKo : store.nameEn}
                    </label>
                  ))
                : null}
              <FieldError name="storeIds" />
            </fieldset>
            <fieldset>
              <legend className={label}>{t("eligible")}</legend>
              <label className="mt-2 flex min-h-11 items-center gap-3 text-sm">
                <input type="checkbox" className="size-5" checked={form.everyone} onChange={(e) => set("everyone", e.target.checked)} />
                {t("everyone")}
              </label>
              {!form.everyone
                ? (departments.data ?? []).map((d) => (
                    <label key={d.id} className="flex min-h-11 items-center gap-3 pl-8 text-sm">
                      <input type="checkbox" className="size-5" checked={form.departmentIds.includes(d.id)} onChange={(e) => set("departmentIds", e.target.checked ? [...form.departmentIds, d.id] : form.departmentIds.filter((id) => id !== d.id))} />
                      {locale === "ko" ? d.nameKo : d.nameEn}
                    </label>
                  ))
                : null}
              <FieldError name="departmentIds" />
            </fieldset>
          </div>
        </section>

        <CategoryPicker
          choices={(categories.data ?? []).filter((category) => form.allStores || form.storeIds.includes(category.storeId))}
          all={form.allCategories}
          selected={form.categoryIds}
          storesLimited={!form.allStores}
          error={fields.categoryIds ?? null}
          onAll={(all) => set("allCategories", all)}
          onChange={(ids) => set("categoryIds", ids)}
        />

        <section className="rounded-xl border border-line bg-white p-6">
          <h2 className="font-semibold">{t("limits")}</h2>
          <div className="mt-4 grid grid-cols-2 gap-4">
            <label className={label}>
              {t("dailyCap")}
              <input className={`${input} tabular mt-1 text-right`} inputMode="numeric" placeholder={t("noCap")} value={form.dailyCap} onChange={(e) => set("dailyCap", e.target.value)} aria-invalid={!!fields.dailyCap} name="dailyCap" />
              <FieldError name="dailyCap" />
            </label>
            <label className={label}>
              {t("monthlyCap")}
              <input className={`${input} tabular mt-1 text-right`} inputMode="numeric" placeholder={t("noCap")} value={form.monthlyCap} onChange={(e) => set("monthlyCap", e.target.value)} aria-invalid={!!fields.monthlyCap} name="monthlyCap" />
              <FieldError name="monthlyCap" />
            </label>
          </div>
          <p className="mt-2 text-xs text-muted">{t("capsHelp")}</p>
          <label className="mt-4 flex min-h-11 items-center gap-3 text-sm">
            <input type="checkbox" className="size-5" checked={form.groupPaymentAllowed} onChange={(e) => set("groupPaymentAllowed", e.target.checked)} />
            {t("groupPayment")}
          </label>
          <fieldset className="mt-3">
            <legend className={label}>{t("unusedValue")}</legend>
            {(["expire_at_window_end", "monthly_pool"] as const).map((rule) => (
              <label key={rule} className="mt-1 flex min-h-11 items-center gap-3 text-sm">
                <input type="radio" name="unusedValue" className="size-5" checked={form.unusedValue === rule} onChange={() => set("unusedValue", rule)} />
                {t(`unused.${rule}`)}
              </label>
            ))}
          </fieldset>
        </section>
      </div>

      <aside className="space-y-4">
        <section className="rounded-xl border border-line bg-white p-6">
          <label className={label}>
            {t("effectiveFrom")}
            <input type="date" min={today} className={`${input} mt-1`} value={form.effectiveFrom} onChange={(e) => set("effectiveFrom", e.target.value)} aria-invalid={!!fields.effectiveFrom} name="effectiveFrom" />
            <FieldError name="effectiveFrom" />
          </label>
          <p className="mt-2 text-xs text-muted">{t("versionHelp")}</p>
          {policyId ? (
            <label className="mt-4 flex min-h-11 items-center gap-3 text-sm">
              <input type="checkbox" className="size-5" checked={!form.active} onChange={(e) => set("active", !e.target.checked)} />
              {t("pauseFromDate")}
            </label>
          ) : null}
          <button type="submit" disabled={pending} className="mt-5 min-h-12 w-full rounded-xl bg-brand-500 px-5 font-semibold text-white hover:bg-brand-600 disabled:opacity-60">
            {policyId ? t("saveVersion") : t("createPolicy")}
          </button>
        </section>
      </aside>
    </form>
  );
}
