"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent, type ReactNode } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import { ModalDialog } from "@/components/admin/modal-dialog";
import { useTRPC } from "@/components/trpc/provider";
import type { AppRouter } from "@/server/trpc/root";
import { describeFailure } from "@/components/kiosk/payment-logic";
import { formatWon } from "@/lib/money";
import { toLocale } from "@/i18n/locales";

const input = "h-10 w-full rounded-lg border border-line bg-white px-3 text-sm outline-none focus:border-brand-500";
const label = "block text-xs font-semibold text-muted";
const button = "min-h-12 rounded-xl bg-brand-500 px-5 text-sm font-bold text-white hover:bg-brand-600 disabled:opacity-50";
const secondaryButton = "min-h-12 rounded-xl border border-line bg-white px-5 text-sm font-semibold hover:bg-canvas disabled:opacity-50";
const rowButton = "min-h-12 rounded-xl px-4 text-sm font-semibold ring-1 ring-line hover:bg-canvas";

function Section(props: { title: string; hint?: string; children: ReactNode; testId: string }) {
  return (
    <section className="mt-8 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-line" data-testid={props.testId}>
      <h2 className="text-lg font-bold">{props.title}</h2>
      {props.hint ? <p className="mt-0.5 text-sm text-muted">{props.hint}</p> : null}
      <div className="mt-4">{props.children}</div>
    </section>
  );
}

function useErrorText() {
  const tErrors = useTranslations("errors");
  return (failure: unknown) => {
    const described = describeFailure(failure);
    return tErrors(described.kind === "refused" && tErrors.has(described.messageKey) ? described.messageKey : "generic");
  };
}

/** A moment as a datetime-local input's value, in the browser's time zone. */
const localInput = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const inDays = (days: number) => localInput(new Date(Date.now() + days * 86_400_000));

/** The store's menu as checkboxes, for what a promotion or a stamp program covers. */
function ScopePicker(props: { value: { itemIds: string[]; categoryIds: string[] }; onChange: (next: { itemIds: string[]; categoryIds: string[] }) => void }) {
  const trpc = useTRPC();
  const locale = toLocale(useLocale());
  const t = useTranslations("loyalty");
  const menu = useQuery(trpc.menu.forManager.queryOptions());
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((entry) => entry !== id) : [...list, id]);
  return (
    <div className="max-h-56 overflow-y-auto rounded-lg border border-line p-3 text-sm">
      {menu.data?.categories.map((category) => (
        <div key={category.id} className="mb-2">
          <label className="flex items-center gap-2 font-semibold">
            <input
              type="checkbox"
              checked={props.value.categoryIds.includes(category.id)}
              onChange={() => props.onChange({ ...props.value, categoryIds: toggle(props.value.categoryIds, category.id) })}
            />
            {locale === "ko" ? category.nameKo : category.nameEn} <span className="text-xs font-normal text-muted">({t("wholeCategory")})</span>
          </label>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 pl-6">
            {category.items.map((item) => (
              <label key={item.id} className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  data-testid={`scope-item-${item.code}`}
                  checked={props.value.itemIds.includes(item.id)}
                  onChange={() => props.onChange({ ...props.value, itemIds: toggle(props.value.itemIds, item.id) })}
                />
                {locale === "ko" ? item.nameKo : item.nameEn}
              </label>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

type Promotion = inferRouterOutputs<AppRouter>["loyalty"]["promotions"][number];
type StampProgram = inferRouterOutputs<AppRouter>["loyalty"]["stampPrograms"][number];
type Tender = StampProgram["earningTenders"][number];

/** The form both creates a promotion and, given one, edits it; `onDone` runs after a save. */
function PromotionForm(props: { editing: Promotion | null; onDone: () => void; onCancel?: () => void; testId: string }) {
  const t = useTranslations("loyalty");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const { editing } = props;
  const [scope, setScope] = useState({ itemIds: editing?.itemIds ?? [], categoryIds: editing?.categoryIds ?? [] });
  const [weekdays, setWeekdays] = useState(editing?.weekdays ?? [1, 2, 3, 4, 5, 6, 7]);
  const [error, setError] = useState<string | null>(null);
  const saved = {
    onSuccess: () => {
      setError(null);
      void queryClient.invalidateQueries({ queryKey: trpc.loyalty.promotions.queryKey() });
      props.onDone();
    },
    onError: (failure: unknown) => setError(errorText(failure)),
  };
  const create = useMutation(trpc.loyalty.createPromotion.mutationOptions(saved));
  const update = useMutation(trpc.loyalty.updatePromotion.mutationOptions(saved));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const limit = text("limit");
    const values = {
      nameKo: text("nameKo"),
      nameEn: text("nameEn"),
      kind: text("kind") === "fixed" ? ("fixed" as const) : ("percent" as const),
      value: Number(text("value")),
      ...scope,
      startsAt: new Date(text("startsAt")),
      endsAt: new Date(text("endsAt")),
      dailyStart: text("dailyStart") || null,
      dailyEnd: text("dailyEnd") || null,
      weekdays,
      perPersonDailyLimit: limit ? Number(limit) : null,
    };
    if (editing) update.mutate({ ...values, promotionId: editing.id });
    else create.mutate(values);
  }

  const days = [1, 2, 3, 4, 5, 6, 7].map((day) => t(`weekday.${day}`));
  return (
    <form onSubmit={submit} className="grid grid-cols-4 gap-3" data-testid={props.testId}>
      {editing ? <EditingNote title={t("editingNamed", { name: locale === "ko" ? editing.nameKo : editing.nameEn })} hint={t("editPromotionHint")} /> : null}
      <label className="col-span-2">
        <span className={label}>{t("nameKo")}</span>
        <input name="nameKo" required defaultValue={editing?.nameKo} className={input} />
      </label>
      <label className="col-span-2">
        <span className={label}>{t("nameEn")}</span>
        <input name="nameEn" required defaultValue={editing?.nameEn} className={input} />
      </label>
      <label>
        <span className={label}>{t("kind")}</span>
        <select name="kind" defaultValue={editing?.kind ?? "percent"} className={input}>
          <option value="percent">{t("kindPercent")}</option>
          <option value="fixed">{t("kindFixed")}</option>
        </select>
      </label>
      <label>
        <span className={label}>{t("value")}</span>
        <input name="value" type="number" min={1} required defaultValue={editing ? String(editing.value) : undefined} className={input} />
      </label>
      <label>
        <span className={label}>{t("limit")}</span>
        <input name="limit" type="number" min={1} placeholder={t("noLimit")} defaultValue={editing?.perPersonDailyLimit ?? undefined} className={input} />
      </label>
      <div />
      <label>
        <span className={label}>{t("startsAt")}</span>
        <input name="startsAt" type="datetime-local" required defaultValue={editing ? localInput(editing.startsAt) : inDays(0)} className={input} />
      </label>
      <label>
        <span className={label}>{t("endsAt")}</span>
        <input name="endsAt" type="datetime-local" required defaultValue={editing ? localInput(editing.endsAt) : inDays(7)} className={input} />
      </label>
      <label>
        <span className={label}>{t("dailyStart")}</span>
        <input name="dailyStart" type="time" defaultValue={editing?.dailyStart?.slice(0, 5)} className={input} />
      </label>
      <label>
        <span className={label}>{t("dailyEnd")}</span>
        <input name="dailyEnd" type="time" defaultValue={editing?.dailyEnd?.slice(0, 5)} className={input} />
      </label>
      <fieldset className="col-span-4 flex flex-wrap gap-3 text-sm">
        <legend className={label}>{t("weekdaysLabel")}</legend>
        {days.map((day, index) => (
          <label key={day} className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={weekdays.includes(index + 1)}
              onChange={() => setWeekdays((current) => (current.includes(index + 1) ? current.filter((d) => d !== index + 1) : [...current, index + 1]))}
            />
            {day}
          </label>
        ))}
      </fieldset>
      <div className="col-span-4">
        <span className={label}>{t("scope")}</span>
        <ScopePicker value={scope} onChange={setScope} />
      </div>
      <FormActions editing={editing !== null} pending={create.isPending || update.isPending} error={error} onCancel={props.onCancel} submitTestId={editing ? "promotion-save" : "promotion-create"} />
    </form>
  );
}

function EditingNote(props: { title: string; hint: string }) {
  return (
    <div className="col-span-4 rounded-lg bg-amber-50 px-3 py-2 text-sm ring-1 ring-amber-200" data-testid="editing-note">
      <p className="font-semibold">{props.title}</p>
      <p className="text-muted">{props.hint}</p>
    </div>
  );
}

function FormActions(props: { editing: boolean; pending: boolean; error: string | null; onCancel?: () => void; submitTestId: string }) {
  const t = useTranslations("loyalty");
  return (
    <div className="col-span-4 flex items-center gap-3">
      <button type="submit" disabled={props.pending} className={button} data-testid={props.submitTestId}>
        {props.editing ? t("save") : t("create")}
      </button>
      {props.onCancel ? (
        <button type="button" onClick={props.onCancel} className={secondaryButton}>
          {t("cancel")}
        </button>
      ) : null}
      {props.error ? (
        <p className="text-sm font-semibold text-red-600" role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

function PromotionsSection() {
  const t = useTranslations("loyalty");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const list = useQuery(trpc.loyalty.promotions.queryOptions());
  const [editing, setEditing] = useState<Promotion | null>(null);
  // A new key after each create empties the form for the next one.
  const [created, setCreated] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const toggle = useMutation(
    trpc.loyalty.setPromotionActive.mutationOptions({
      onSuccess: () => (setError(null), queryClient.invalidateQueries({ queryKey: trpc.loyalty.promotions.queryKey() })),
      onError: (failure) => setError(errorText(failure)),
    }),
  );
  const nameOf = (promotion: Promotion) => (locale === "ko" ? promotion.nameKo : promotion.nameEn);

  return (
    <Section title={t("promotionsTitle")} hint={t("promotionsHint")} testId="promotions">
      <PromotionForm key={created} editing={null} onDone={() => setCreated((count) => count + 1)} testId="promotion-form" />
      <ModalDialog open={editing !== null} onClose={() => setEditing(null)} label={t("editPromotion")} widthClass="w-[56rem]" testId="promotion-dialog">
        <div className="overflow-y-auto p-6">
          <h3 className="mb-4 text-lg font-bold">{t("editPromotion")}</h3>
          <PromotionForm key={editing?.id} editing={editing} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} testId="promotion-edit-form" />
        </div>
      </ModalDialog>
      {error ? (
        <p className="mt-4 text-sm font-semibold text-red-600" role="alert">
          {error}
        </p>
      ) : null}
      <table className="mt-6 w-full text-sm">
        <thead className="text-left text-xs text-muted">
          <tr>
            <th className="py-2">{t("name")}</th>
            <th>{t("discount")}</th>
            <th>{t("period")}</th>
            <th>{t("limit")}</th>
            <th />
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {list.data?.map((promotion) => (
            <tr key={promotion.id} data-testid="promotion-row">
              <td className="py-2 font-semibold">{nameOf(promotion)}</td>
              <td className="tabular">{promotion.kind === "percent" ? `${promotion.value}%` : formatWon(promotion.value, locale)}</td>
              <td className="tabular text-xs">
                {promotion.startsAt.toLocaleString(locale)} – {promotion.endsAt.toLocaleString(locale)}
                {promotion.dailyStart ? ` · ${promotion.dailyStart.slice(0, 5)}–${promotion.dailyEnd?.slice(0, 5)}` : ""}
              </td>
              <td>{promotion.perPersonDailyLimit ?? "—"}</td>
              <td className="py-1 text-right whitespace-nowrap">
                <button
                  type="button"
                  aria-label={t("editNamed", { name: nameOf(promotion) })}
                  data-testid="promotion-edit"
                  className={rowButton}
                  onClick={() => setEditing(promotion)}
                >
                  {t("edit")}
                </button>
                <button type="button" className={`ml-2 ${rowButton}`} onClick={() => toggle.mutate({ promotionId: promotion.id, isActive: !promotion.isActive })}>
                  {promotion.isActive ? t("switchOff") : t("switchOn")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

/** The form both creates a stamp program and, given one, edits it; `onDone` runs after a save. */
function StampProgramForm(props: { editing: StampProgram | null; onDone: () => void; onCancel?: () => void; testId: string }) {
  const t = useTranslations("loyalty");
  const tKiosk = useTranslations("kiosk");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const { editing } = props;
  const [scope, setScope] = useState({ itemIds: editing?.itemIds ?? [], categoryIds: editing?.categoryIds ?? [] });
  const [tenders, setTenders] = useState<Tender[]>(editing?.earningTenders ?? ["wallet", "card", "cash"]);
  const [error, setError] = useState<string | null>(null);
  const saved = {
    onSuccess: () => {
      setError(null);
      void queryClient.invalidateQueries({ queryKey: trpc.loyalty.stampPrograms.queryKey() });
      props.onDone();
    },
    onError: (failure: unknown) => setError(errorText(failure)),
  };
  const create = useMutation(trpc.loyalty.createStampProgram.mutationOptions(saved));
  const update = useMutation(trpc.loyalty.updateStampProgram.mutationOptions(saved));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const values = {
      nameKo: text("nameKo"),
      nameEn: text("nameEn"),
      ...scope,
      stampsPerItem: Number(text("stampsPerItem")),
      stampsPerReward: Number(text("stampsPerReward")),
      earningTenders: tenders,
      rewardMaxValue: Number(text("rewardMaxValue")),
      // The reward is a free item of what earns stamps.
      rewardItemIds: scope.itemIds,
      rewardCategoryIds: scope.categoryIds,
      couponValidDays: Number(text("couponValidDays")),
      startsAt: new Date(text("startsAt")),
      endsAt: text("endsAt") ? new Date(text("endsAt")) : null,
    };
    if (editing) update.mutate({ ...values, programId: editing.id });
    else create.mutate(values);
  }

  return (
    <form onSubmit={submit} className="grid grid-cols-4 gap-3" data-testid={props.testId}>
      {editing ? <EditingNote title={t("editingNamed", { name: locale === "ko" ? editing.nameKo : editing.nameEn })} hint={t("editProgramHint")} /> : null}
      <label className="col-span-2">
        <span className={label}>{t("nameKo")}</span>
        <input name="nameKo" required defaultValue={editing?.nameKo} className={input} />
      </label>
      <label className="col-span-2">
        <span className={label}>{t("nameEn")}</span>
        <input name="nameEn" required defaultValue={editing?.nameEn} className={input} />
      </label>
      <label>
        <span className={label}>{t("stampsPerItem")}</span>
        <input name="stampsPerItem" type="number" min={1} defaultValue={editing?.stampsPerItem ?? 1} className={input} />
      </label>
      <label>
        <span className={label}>{t("stampsPerReward")}</span>
        <input name="stampsPerReward" type="number" min={1} defaultValue={editing?.stampsPerReward ?? 10} className={input} />
      </label>
      <label>
        <span className={label}>{t("rewardMaxValue")}</span>
        <input name="rewardMaxValue" type="number" min={1} required defaultValue={editing ? String(editing.rewardMaxValue) : 4500} className={input} />
      </label>
      <label>
        <span className={label}>{t("couponValidDays")}</span>
        <input name="couponValidDays" type="number" min={1} defaultValue={editing?.couponValidDays ?? 90} className={input} />
      </label>
      <label>
        <span className={label}>{t("startsAt")}</span>
        <input name="startsAt" type="datetime-local" required defaultValue={editing ? localInput(editing.startsAt) : inDays(0)} className={input} />
      </label>
      <label>
        <span className={label}>{t("endsAtOptional")}</span>
        <input name="endsAt" type="datetime-local" defaultValue={editing?.endsAt ? localInput(editing.endsAt) : undefined} className={input} />
      </label>
      <fieldset className="col-span-2 flex flex-wrap items-end gap-3 text-sm">
        <legend className={label}>{t("earningTenders")}</legend>
        {(["voucher", "wallet", "card", "cash"] as const).map((kind) => (
          <label key={kind} className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={tenders.includes(kind)}
              onChange={() => setTenders((current) => (current.includes(kind) ? current.filter((entry) => entry !== kind) : [...current, kind]))}
            />
            {tKiosk(`tender.${kind}`)}
          </label>
        ))}
      </fieldset>
      <div className="col-span-4">
        <span className={label}>{t("earningScope")}</span>
        <ScopePicker value={scope} onChange={setScope} />
      </div>
      <FormActions editing={editing !== null} pending={create.isPending || update.isPending} error={error} onCancel={props.onCancel} submitTestId={editing ? "program-save" : "program-create"} />
    </form>
  );
}

function StampProgramsSection() {
  const t = useTranslations("loyalty");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const list = useQuery(trpc.loyalty.stampPrograms.queryOptions());
  const [editing, setEditing] = useState<StampProgram | null>(null);
  const [created, setCreated] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const toggle = useMutation(
    trpc.loyalty.setStampProgramActive.mutationOptions({
      onSuccess: () => (setError(null), queryClient.invalidateQueries({ queryKey: trpc.loyalty.stampPrograms.queryKey() })),
      onError: (failure) => setError(errorText(failure)),
    }),
  );
  const nameOf = (program: StampProgram) => (locale === "ko" ? program.nameKo : program.nameEn);

  return (
    <Section title={t("programsTitle")} hint={t("programsHint")} testId="stamp-programs">
      <StampProgramForm key={created} editing={null} onDone={() => setCreated((count) => count + 1)} testId="program-form" />
      <ModalDialog open={editing !== null} onClose={() => setEditing(null)} label={t("editProgram")} widthClass="w-[56rem]" testId="program-dialog">
        <div className="overflow-y-auto p-6">
          <h3 className="mb-4 text-lg font-bold">{t("editProgram")}</h3>
          <StampProgramForm key={editing?.id} editing={editing} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} testId="program-edit-form" />
        </div>
      </ModalDialog>
      {error ? (
        <p className="mt-4 text-sm font-semibold text-red-600" role="alert">
          {error}
        </p>
      ) : null}
      <table className="mt-6 w-full text-sm">
        <thead className="text-left text-xs text-muted">
          <tr>
            <th className="py-2">{t("name")}</th>
            <th>{t("stampsPerReward")}</th>
            <th>{t("rewardMaxValue")}</th>
            <th>{t("couponValidDays")}</th>
            <th />
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {list.data?.map((program) => (
            <tr key={program.id} data-testid="program-row">
              <td className="py-2 font-semibold">{nameOf(program)}</td>
              <td className="tabular">{program.stampsPerReward}</td>
              <td className="tabular">{formatWon(program.rewardMaxValue, locale)}</td>
              <td className="tabular">{program.couponValidDays}</td>
              <td className="py-1 text-right whitespace-nowrap">
                <button
                  type="button"
                  aria-label={t("editNamed", { name: nameOf(program) })}
                  data-testid="program-edit"
                  className={rowButton}
                  onClick={() => setEditing(program)}
                >
                  {t("edit")}
                </button>
                <button type="button" className={`ml-2 ${rowButton}`} onClick={() => toggle.mutate({ programId: program.id, isActive: !program.isActive })}>
                  {program.isActive ? t("switchOff") : t("switchOn")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function HandoutSection() {
  const t = useTranslations("loyalty");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const list = useQuery(trpc.loyalty.handouts.queryOptions());
  const departments = useQuery(trpc.loyalty.departments.queryOptions());
  const [target, setTarget] = useState<"employee" | "department" | "everyone">("employee");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const handOut = useMutation(
    trpc.loyalty.handOut.mutationOptions({
      onSuccess: (done) => {
        setMessage({ ok: true, text: t("handedOut", { count: done.count }) });
        void queryClient.invalidateQueries({ queryKey: trpc.loyalty.handouts.queryKey() });
      },
      onError: (error) => setMessage({ ok: false, text: errorText(error) }),
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    handOut.mutate({
      target:
        target === "employee"
          ? { kind: "employee", email: text("email") }
          : target === "department"
            ? { kind: "department", departmentId: text("departmentId") }
            : { kind: "everyone" },
      reason: text("reason"),
      nameKo: text("nameKo"),
      nameEn: text("nameEn"),
      maxValue: Number(text("maxValue")),
      expiresAt: new Date(text("expiresAt")),
    });
  }

  return (
    <Section title={t("handoutTitle")} hint={t("handoutHint")} testId="handouts">
      <form onSubmit={submit} className="grid grid-cols-4 gap-3">
        <label>
          <span className={label}>{t("target")}</span>
          <select value={target} onChange={(event) => setTarget(event.target.value as typeof target)} className={input}>
            <option value="employee">{t("targetEmployee")}</option>
            <option value="department">{t("targetDepartment")}</option>
            <option value="everyone">{t("targetEveryone")}</option>
          </select>
        </label>
        {target === "employee" ? (
          <label className="col-span-3">
            <span className={label}>{t("email")}</span>
            <input name="email" type="email" required className={input} />
          </label>
        ) : target === "department" ? (
          <label className="col-span-3">
            <span className={label}>{t("targetDepartment")}</span>
            <select name="departmentId" className={input}>
              {departments.data?.map((department) => (
                <option key={department.id} value={department.id}>
                  {locale === "ko" ? department.nameKo : department.nameEn}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <div className="col-span-3" />
        )}
        <label>
          <span className={label}>{t("nameKo")}</span>
          <input name="nameKo" required className={input} />
        </label>
        <label>
          <span className={label}>{t("nameEn")}</span>
          <input name="nameEn" required className={input} />
        </label>
        <label>
          <span className={label}>{t("maxValue")}</span>
          <input name="maxValue" type="number" min={1} required defaultValue={4500} className={input} />
        </label>
        <label>
          <span className={label}>{t("expiresAt")}</span>
          <input name="expiresAt" type="datetime-local" required defaultValue={inDays(30)} className={input} />
        </label>
        <label className="col-span-4">
          <span className={label}>{t("reason")}</span>
          <input name="reason" required className={input} />
        </label>
        <div className="col-span-4 flex items-center gap-3">
          <button type="submit" disabled={handOut.isPending} className={button}>
            {t("handOut")}
          </button>
          {message ? (
            <p className={`text-sm font-semibold ${message.ok ? "text-emerald-700" : "text-red-600"}`} role="status">
              {message.text}
            </p>
          ) : null}
        </div>
      </form>
      <table className="mt-6 w-full text-sm">
        <thead className="text-left text-xs text-muted">
          <tr>
            <th className="py-2">{t("name")}</th>
            <th>{t("reason")}</th>
            <th>{t("target")}</th>
            <th>{t("count")}</th>
            <th>{t("by")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {list.data?.map((handout) => (
            <tr key={handout.id}>
              <td className="py-2 font-semibold">{locale === "ko" ? handout.nameKo : handout.nameEn}</td>
              <td>{handout.reason}</td>
              <td>{t(`target${handout.target[0]?.toUpperCase()}${handout.target.slice(1)}`)}</td>
              <td className="tabular">{handout.couponCount}</td>
              <td>
                {handout.createdBy} · {handout.createdAt.toLocaleDateString(locale)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function CostReportSection() {
  const t = useTranslations("loyalty");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const report = useQuery(trpc.loyalty.costReport.queryOptions());
  const rows = [
    ...(report.data?.promotions ?? []).map((row) => ({ key: `p-${row.promotionId}`, kind: t("promotionLabel"), name: locale === "ko" ? row.nameKo : row.nameEn, count: row.orders, cost: row.cost })),
    ...(report.data?.rewards ?? []).map((row, index) => ({
      key: `c-${index}`,
      kind: row.source === "reward" ? t("rewardLabel") : t("handoutLabel"),
      name: locale === "ko" ? row.nameKo : row.nameEn,
      count: row.coupons,
      cost: row.cost,
    })),
  ];
  return (
    <Section title={t("reportTitle")} hint={t("reportHint")} testId="cost-report">
      <table className="w-full text-sm">
        <thead className="text-left text-xs text-muted">
          <tr>
            <th className="py-2">{t("kind")}</th>
            <th>{t("name")}</th>
            <th>{t("uses")}</th>
            <th className="text-right">{t("cost")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map((row) => (
            <tr key={row.key} data-testid="cost-row">
              <td className="py-2">{row.kind}</td>
              <td className="font-semibold">{row.name}</td>
              <td className="tabular">{row.count}</td>
              <td className="tabular text-right font-semibold">{formatWon(row.cost, locale)}</td>
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr>
              <td colSpan={4} className="py-4 text-center text-muted">
                {t("reportEmpty")}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </Section>
  );
}

function EmployeeStampsSection() {
  const t = useTranslations("loyalty");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const errorText = useErrorText();
  const [email, setEmail] = useState<string | null>(null);
  const stamps = useQuery(trpc.loyalty.employeeStamps.queryOptions({ email: email ?? "" }, { enabled: email !== null, retry: false }));
  const programName = (programId: string) => {
    const card = stamps.data?.cards.find((entry) => entry.programId === programId);
    return card ? (locale === "ko" ? card.nameKo : card.nameEn) : "";
  };
  return (
    <Section title={t("employeeStampsTitle")} hint={t("employeeStampsHint")} testId="employee-stamps">
      <form
        className="flex items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          setEmail(String(new FormData(event.currentTarget).get("email") ?? "").trim());
        }}
      >
        <label className="w-80">
          <span className={label}>{t("email")}</span>
          <input name="email" type="email" required className={input} />
        </label>
        <button type="submit" className={button}>
          {t("lookUp")}
        </button>
        {stamps.isError ? <p className="text-sm font-semibold text-red-600" role="alert">{errorText(stamps.error)}</p> : null}
      </form>
      {stamps.data ? (
        <>
          <p className="mt-4 text-sm">
            {stamps.data.cards
              .filter((card) => card.balance !== 0)
              .map((card) => `${locale === "ko" ? card.nameKo : card.nameEn} ${card.balance}/${card.stampsPerReward}`)
              .join(" · ") || t("noStamps")}
          </p>
          <table className="mt-3 w-full text-sm">
            <tbody className="divide-y divide-line">
              {stamps.data.history.map((event) => (
                <tr key={event.id}>
                  <td className="py-1.5 tabular text-xs text-muted">{event.createdAt.toLocaleString(locale)}</td>
                  <td>{programName(event.programId)}</td>
                  <td>{t(`event.${event.kind}`)}</td>
                  <td className="tabular text-right font-semibold">{event.stamps > 0 ? `+${event.stamps}` : event.stamps}</td>
                  <td className="tabular text-right text-muted">{event.balanceAfter}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Section>
  );
}

export function LoyaltyAdmin({ role }: { role: "store_manager" | "hr_admin" }) {
  return (
    <>
      {role === "store_manager" ? <PromotionsSection /> : null}
      {role === "store_manager" ? <StampProgramsSection /> : null}
      <HandoutSection />
      <EmployeeStampsSection />
      <CostReportSection />
    </>
  );
}
