"use client";

import { useMemo, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/components/trpc/provider";
import type { OpeningHours } from "@/db/schema/org";
import { FieldError, FormAlert, inputClass, primaryButton, useFormErrors } from "@/components/admin/menu/shared";

type Settings = { timeZone: string; receiptHeader: string; openingHours: OpeningHours; hoursSaved: boolean; hasPin: boolean };

// Monday first, as a Korean week is read; the stored array is indexed from Sunday (0).
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

export function StoreSettingsForm({ initial }: { initial: Settings }) {
  const t = useTranslations("storeSettings");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useQuery(trpc.menuAdmin.settings.queryOptions(undefined, { initialData: { ...initial, id: "", nameKo: "", nameEn: "" }, staleTime: Infinity }));
  const errors = useFormErrors();
  const [saved, setSaved] = useState(false);
  const [timeZone, setTimeZone] = useState(data.timeZone);
  const [receiptHeader, setReceiptHeader] = useState(data.receiptHeader);
  const [hours, setHours] = useState<OpeningHours>(data.openingHours);
  const zones = useMemo(() => {
    const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    return all.includes(timeZone) ? all : [timeZone, ...all];
  }, [timeZone]);
  const save = useMutation(
    trpc.menuAdmin.updateSettings.mutationOptions({
      onSuccess: async (result) => {
        setReceiptHeader(result.receiptHeader);
        setSaved(true);
        await queryClient.invalidateQueries({ queryKey: trpc.menuAdmin.settings.queryKey() });
      },
      onError: errors.show,
    }),
  );
  const setDay = (day: number, value: { open: string; close: string } | null) => setHours(hours.map((entry, index) => (index === day ? value : entry)));

  return (
    <form
      noValidate
      data-testid="store-settings-form"
      className="rounded-xl border border-line bg-white p-6"
      onSubmit={(event) => {
        event.preventDefault();
        errors.clear();
        setSaved(false);
        save.mutate({ timeZone, receiptHeader, openingHours: hours });
      }}
    >
      <FormAlert text={errors.form} />
      {saved ? (
        <p role="status" className="mb-3 rounded-lg bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-700" data-testid="settings-saved">
          {t("saved")}
        </p>
      ) : null}
      <div className="grid grid-cols-[1fr_22rem] gap-8">
        <fieldset>
          <legend className="text-base font-bold">{t("hoursTitle")}</legend>
          <p className="text-xs text-muted">{t("hoursHelp")}</p>
          {data.hoursSaved ? null : (
            <p className="mt-2 rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-800" data-testid="hours-not-saved">
              {t("hoursNotSaved")}
            </p>
          )}
          <table className="mt-3 w-full text-sm">
            <tbody>
              {WEEK.map((day) => {
                const entry = hours[day] ?? null;
                const label = t(`days.${day}`);
                return (
                  <tr key={day} className="border-b border-line last:border-0" data-testid={`hours-${day}`}>
                    <th scope="row" className="w-24 py-1.5 text-left font-medium">{label}</th>
                    <td className="w-28 py-1.5">
                      <label className="flex min-h-11 items-center gap-2">
                        <input
                          type="checkbox"
                          className="size-5"
                          checked={entry !== null}
                          onChange={(event) => setDay(day, event.target.checked ? { open: "08:00", close: "20:00" } : null)}
                        />
                        <span className={entry ? "font-medium" : "text-muted"}>{entry ? t("open") : t("closed")}</span>
                      </label>
                    </td>
                    <td className="py-1.5">
                      {entry ? (
                        <span className="flex items-center gap-2">
                          <input type="time" aria-label={t("opensAt", { day: label })} value={entry.open} onChange={(event) => setDay(day, { ...entry, open: event.target.value })} className="tabular min-h-11 rounded-lg border border-line px-3" />
                          <span className="text-muted">–</span>
                          <input type="time" aria-label={t("closesAt", { day: label })} value={entry.close} onChange={(event) => setDay(day, { ...entry, close: event.target.value })} className="tabular min-h-11 rounded-lg border border-line px-3" />
                        </span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <FieldError text={errors.fields.openingHours} name="openingHours" />
        </fieldset>
        <div className="space-y-5">
          <label className="block text-sm font-medium">
            {t("timeZone")}
            <select name="timeZone" value={timeZone} onChange={(event) => setTimeZone(event.target.value)} className={`${inputClass} ${errors.fields.timeZone ? "border-red-500" : "border-line"}`}>
              {zones.map((zone) => (
                <option key={zone} value={zone}>{zone}</option>
              ))}
            </select>
            <span className="mt-1 block text-xs font-normal text-muted">{t("timeZoneHelp")}</span>
            <FieldError text={errors.fields.timeZone} name="timeZone" />
          </label>
          <label className="block text-sm font-medium">
            {t("receiptHeader")}
            <textarea
              name="receiptHeader"
              rows={4}
              value={receiptHeader}
              onChange={(event) => setReceiptHeader(event.target.value)}
              className={`mt-1 w-full rounded-lg border bg-white px-3 py-2 text-sm outline-none focus:border-brand-500 ${errors.fields.receiptHeader ? "border-red-500" : "border-line"}`}
            />
            <span className="mt-1 block text-xs font-normal text-muted">{t("receiptHeaderHelp")} ({receiptHeader.length}/200)</span>
            <FieldError text={errors.fields.receiptHeader} name="receiptHeader" />
          </label>
          <div>
            <p className="text-xs font-medium text-muted">{t("receiptPreview")}</p>
            <div className="mt-1 rounded-lg border border-dashed border-line bg-canvas/50 px-4 py-3 text-center font-mono text-xs whitespace-pre-line" data-testid="receipt-preview">
              {receiptHeader.trim() || "—"}
            </div>
          </div>
        </div>
      </div>
      <div className="mt-6 flex justify-end">
        <button disabled={save.isPending} className={primaryButton}>{t("save")}</button>
      </div>
    </form>
  );
}

export function ManagerPinForm({ hasPin }: { hasPin: boolean }) {
  const t = useTranslations("storeSettings");
  const trpc = useTRPC();
  const errors = useFormErrors();
  const [values, setValues] = useState({ currentPin: "", newPin: "", confirmPin: "" });
  const [changed, setChanged] = useState(false);
  const [pinSet, setPinSet] = useState(hasPin);
  const change = useMutation(
    trpc.menuAdmin.changePin.mutationOptions({
      onSuccess: () => {
        setChanged(true);
        setPinSet(true);
        setValues({ currentPin: "", newPin: "", confirmPin: "" });
      },
      onError: errors.show,
    }),
  );
  const fields = (pinSet ? ["currentPin", "newPin", "confirmPin"] : ["newPin", "confirmPin"]) as (keyof typeof values)[];
  return (
    <form
      noValidate
      data-testid="pin-form"
      className="rounded-xl border border-line bg-white p-6"
      onSubmit={(event) => {
        event.preventDefault();
        errors.clear();
        setChanged(false);
        change.mutate(pinSet ? values : { newPin: values.newPin, confirmPin: values.confirmPin });
      }}
    >
      <h2 className="text-base font-bold">{t("pinTitle")}</h2>
      <p className="text-xs text-muted">{pinSet ? t("pinHelp") : t("pinNotSet")}</p>
      <FormAlert text={errors.form} />
      {changed ? (
        <p role="status" className="mt-3 rounded-lg bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-700" data-testid="pin-changed">
          {t("pinChanged")}
        </p>
      ) : null}
      <div className="mt-4 flex items-start gap-4">
        {fields.map((name) => (
          <label key={name} className="block w-40 text-sm font-medium">
            {t(name)}
            <input
              name={name}
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={6}
              value={values[name]}
              onChange={(event) => setValues({ ...values, [name]: event.target.value.replace(/\D/g, "") })}
              aria-invalid={errors.fields[name] ? true : undefined}
              className={`${inputClass} tabular tracking-[0.4em] ${errors.fields[name] ? "border-red-500" : "border-line"}`}
            />
            <FieldError text={errors.fields[name]} name={name} />
          </label>
        ))}
        <button disabled={change.isPending} className={`${primaryButton} mt-6`}>{t("changePin")}</button>
      </div>
    </form>
  );
}
