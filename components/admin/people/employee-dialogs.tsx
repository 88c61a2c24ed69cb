"use client";

import { useEffect, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useLocale, useTranslations } from "next-intl";
import { TRPCReactProvider, useTRPC } from "@/components/trpc/provider";
import { formatWon } from "@/lib/money";
import { toLocale } from "@/i18n/locales";
import { ModalDialog } from "@/components/admin/modal-dialog";

type Department = { id: string; nameKo: string; nameEn: string };

/** A dialog with its own query client: the people page around it is a server component. */
export function Modal(props: { open: boolean; onClose: () => void; label: string; wide?: boolean; children: ReactNode; testId?: string }) {
  const { wide, children, ...rest } = props;
  return (
    <ModalDialog {...rest} widthClass={wide ? "w-[68rem]" : "w-[32rem]"}>
      <TRPCReactProvider>{children}</TRPCReactProvider>
    </ModalDialog>
  );
}

/** The field a refused call points at, and its message key, read from the tRPC error. */
function failure(error: unknown): { messageKey: string; field: string | null; fields: Record<string, string> } {
  if (!(error instanceof TRPCClientError)) return { messageKey: "generic", field: null, fields: {} };
  const data = (error.data ?? {}) as { messageKey?: unknown; details?: unknown; fieldErrors?: unknown };
  const fields: Record<string, string> = {};
  if (data.fieldErrors && typeof data.fieldErrors === "object") {
    for (const [field, messages] of Object.entries(data.fieldErrors as Record<string, unknown>)) {
      if (Array.isArray(messages) && typeof messages[0] === "string") fields[field] = messages[0];
    }
  }
  const details = data.details && typeof data.details === "object" ? (data.details as Record<string, unknown>) : {};
  return {
    messageKey: typeof data.messageKey === "string" ? data.messageKey : "generic",
    field: typeof details.field === "string" ? details.field : null,
    fields,
  };
}

const inputClass = "mt-1 min-h-11 w-full rounded-lg border bg-white px-3 text-sm outline-none focus:border-brand-500";

export function EmployeeForm(props: { employeeId: string | null; departments: Department[]; onDone: () => void }) {
  const t = useTranslations("people");
  const tErrors = useTranslations("errors");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const router = useRouter();
  const existing = useQuery({ ...trpc.people.employee.queryOptions({ id: props.employeeId ?? "" }), enabled: props.employeeId !== null, staleTime: 0 });
  const [values, setValues] = useState({ name: "", email: "", employeeNo: "", departmentId: "", hiredOn: "" });
  const [loaded, setLoaded] = useState(props.employeeId === null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => {
    if (existing.data && !loaded) {
      setValues({
        name: existing.data.name,
        email: existing.data.email,
        employeeNo: existing.data.employeeNo,
        departmentId: existing.data.departmentId ?? "",
        hiredOn: existing.data.hiredOn ?? "",
      });
      setLoaded(true);
    }
  }, [existing.data, loaded]);

  const onError = (error: unknown) => {
    const refused = failure(error);
    const next: Record<string, string> = {};
    for (const [field, key] of Object.entries(refused.fields)) next[field] = t.has(`fieldErrors.${key}`) ? t(`fieldErrors.${key}`) : key;
    if (refused.field) next[refused.field] = tErrors.has(refused.messageKey) ? tErrors(refused.messageKey) : tErrors("generic");
    setFieldErrors(next);
    setFormError(Object.keys(next).length ? null : tErrors.has(refused.messageKey) ? tErrors(refused.messageKey) : tErrors("generic"));
  };
  const onSuccess = () => {
    router.refresh();
    props.onDone();
  };
  const create = useMutation(trpc.people.createEmployee.mutationOptions({ onSuccess, onError }));
  const update = useMutation(trpc.people.updateEmployee.mutationOptions({ onSuccess, onError }));
  const pending = create.isPending || update.isPending;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFieldErrors({});
    setFormError(null);
    const input = {
      name: values.name,
      email: values.email,
      employeeNo: values.employeeNo,
      departmentId: values.departmentId || null,
      hiredOn: values.hiredOn || null,
    };
    if (props.employeeId) update.mutate({ ...input, id: props.employeeId });
    else create.mutate(input);
  };

  const field = (name: keyof typeof values, type = "text") => (
    <label className="block text-sm font-medium">
      {t(`fields.${name}`)}
      <input
        name={name}
        type={type}
        value={values[name]}
        onChange={(event) => setValues({ ...values, [name]: event.target.value })}
        aria-invalid={fieldErrors[name] ? true : undefined}
        className={`${inputClass} ${fieldErrors[name] ? "border-red-500" : "border-line"}`}
      />
      {fieldErrors[name] ? <span className="mt-1 block text-xs font-normal text-red-600" data-testid={`field-error-${name}`}>{fieldErrors[name]}</span> : null}
    </label>
  );

  if (!loaded) return <div className="m-6 h-64 animate-pulse rounded-xl bg-canvas" />;
  return (
    <form onSubmit={submit} className="p-6" data-testid="employee-form" noValidate>
      <h2 className="text-lg font-bold">{props.employeeId ? t("editTitle", { name: existing.data?.name ?? "" }) : t("addTitle")}</h2>
      {formError ? <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">{formError}</p> : null}
      <div className="mt-4 grid grid-cols-2 gap-4">
        <div className="col-span-2">{field("name")}</div>
        {field("employeeNo")}
        {field("hiredOn", "date")}
        <div className="col-span-2">{field("email", "email")}</div>
        <label className="col-span-2 block text-sm font-medium">
          {t("fields.department")}
          <select
            name="departmentId"
            value={values.departmentId}
            onChange={(event) => setValues({ ...values, departmentId: event.target.value })}
            className={`${inputClass} ${fieldErrors.departmentId ? "border-red-500" : "border-line"}`}
          >
            <option value="">{t("noDepartment")}</option>
            {props.departments.map((department) => (
              <option key={department.id} value={department.id}>{locale === "ko" ? department.nameKo : department.nameEn}</option>
            ))}
          </select>
        </label>
      </div>
      {props.employeeId && existing.data ? (
        <p className="mt-4 text-sm text-muted">
          {t("walletBalance")}: <span className="tabular font-semibold text-ink">{formatWon(existing.data.walletBalance, locale)}</span>
        </p>
      ) : (
        <p className="mt-4 text-xs text-muted">{t("ssoNote")}</p>
      )}
      <div className="mt-6 flex justify-end gap-2">
        <button type="button" onClick={props.onDone} className="min-h-11 rounded-lg px-4 text-sm font-medium text-muted hover:bg-canvas">{t("cancel")}</button>
        <button disabled={pending} className="min-h-11 rounded-lg bg-ink px-5 text-sm font-semibold text-white disabled:opacity-50">
          {pending ? t("saving") : t("save")}
        </button>
      </div>
    </form>
  );
}

export function LeaveForm(props: { employeeId: string; name: string; onDone: (message: string) => void; onCancel: () => void }) {
  const t = useTranslations("people");
  const tErrors = useTranslations("errors");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const router = useRouter();
  const detail = useQuery({ ...trpc.people.employee.queryOptions({ id: props.employeeId }), staleTime: 0 });
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul" }).format(new Date());
  const [leftOn, setLeftOn] = useState(today);
  const [error, setError] = useState<string | null>(null);
  // One key per dialog: a double click or a retry after a lost answer leaves once.
  const [key] = useState(() => crypto.randomUUID());
  const leave = useMutation(
    trpc.people.markLeft.mutationOptions({
      onSuccess: (result) => {
        router.refresh();
        props.onDone(
          t("leave.done", {
            grants: result.revokedGrants,
            amount: formatWon(result.revokedAmount, locale),
            wallet: formatWon(result.walletBalance, locale),
          }),
        );
      },
      onError: (failed) => {
        const refused = failure(failed);
        setError(tErrors.has(refused.messageKey) ? tErrors(refused.messageKey) : t.has(`fieldErrors.${refused.fields.leftOn}`) ? t(`fieldErrors.${refused.fields.leftOn}`) : tErrors("generic"));
      },
    }),
  );
  return (
    <form
      className="p-6"
      data-testid="leave-form"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        leave.mutate({ id: props.employeeId, leftOn, idempotencyKey: key });
      }}
    >
      <h2 className="text-lg font-bold">{t("leave.title", { name: props.name })}</h2>
      <p className="mt-2 text-sm text-muted">{t("leave.explain")}</p>
      {error ? <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p> : null}
      <label className="mt-4 block text-sm font-medium">
        {t("fields.leftOn")}
        <input type="date" name="leftOn" value={leftOn} max={today} onChange={(event) => setLeftOn(event.target.value)} className={`${inputClass} border-line`} />
      </label>
      <div className="mt-4 flex items-center justify-between rounded-xl bg-canvas px-4 py-3 text-sm">
        <span>{t("leave.wallet")}</span>
        <span className="tabular text-base font-bold" data-testid="leave-wallet">{detail.data ? formatWon(detail.data.walletBalance, locale) : "…"}</span>
      </div>
      <div className="mt-6 flex justify-end gap-2">
        <button type="button" onClick={props.onCancel} className="min-h-11 rounded-lg px-4 text-sm font-medium text-muted hover:bg-canvas">{t("cancel")}</button>
        <button disabled={leave.isPending} className="min-h-11 rounded-lg bg-red-600 px-5 text-sm font-semibold text-white disabled:opacity-50">{t("leave.confirm")}</button>
      </div>
    </form>
  );
}

export function SuspendButton(props: { employeeId: string; name: string; suspended: boolean; onDone: (message: string) => void }) {
  const t = useTranslations("people");
  const tErrors = useTranslations("errors");
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation(
    trpc.people.setSuspended.mutationOptions({
      onSuccess: () => {
        router.refresh();
        props.onDone(props.suspended ? t("reactivated", { name: props.name }) : t("suspended", { name: props.name }));
      },
      onError: (failed) => setError(tErrors.has(failure(failed).messageKey) ? tErrors(failure(failed).messageKey) : tErrors("generic")),
    }),
  );
  return (
    <>
      {error ? <p role="alert" className="px-3 py-2 text-xs text-red-700">{error}</p> : null}
      <button
        type="button"
        role="menuitem"
        disabled={mutation.isPending}
        onClick={() => {
          if (!props.suspended && !window.confirm(t("suspendConfirm", { name: props.name }))) return;
          mutation.mutate({ id: props.employeeId, suspended: !props.suspended });
        }}
        className="block min-h-11 w-full px-4 text-left text-sm hover:bg-canvas"
      >
        {props.suspended ? t("reactivate") : t("suspend")}
      </button>
    </>
  );
}
