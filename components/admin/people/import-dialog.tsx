"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import type { FileProblem } from "@/server/domain/people/import/read-file";
import type { ImportPlan, PlanRow } from "@/server/domain/people/import/plan";

type Preview = Omit<ImportPlan, "writes"> & { fileName: string };
type Result = { created: number; updated: number; unchanged: number; skipped: number };
type Tab = "all" | "error" | "create" | "update";

// A preview of 10,000 new people is still one page the browser can hold; drawing it is not.
const SHOWN_ROWS = 300;

async function upload(file: File, mode: "preview" | "confirm", fingerprint?: string) {
  const form = new FormData();
  form.set("file", file);
  form.set("mode", mode);
  if (fingerprint) form.set("fingerprint", fingerprint);
  const response = await fetch("/api/admin/employees/import", { method: "POST", body: form, headers: { "x-canteen-upload": "1" } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const key = (body as { error?: { messageKey?: unknown } } | null)?.error?.messageKey;
    throw new Error(typeof key === "string" ? key : "generic");
  }
  return body;
}

export function ImportPanel(props: { onClose: () => void }) {
  const t = useTranslations("people");
  const tErrors = useTranslations("errors");
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState<"preview" | "confirm" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>("all");

  const fail = (caught: unknown) => {
    const key = caught instanceof Error ? caught.message : "generic";
    setError(tErrors.has(key) ? tErrors(key) : tErrors("generic"));
  };
  const runPreview = async (chosen: File) => {
    setBusy("preview");
    setError(null);
    setResult(null);
    setPreview(null);
    try {
      setPreview((await upload(chosen, "preview")) as Preview);
      setTab("all");
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(null);
    }
  };
  const confirm = async () => {
    if (!file || !preview) return;
    setBusy("confirm");
    setError(null);
    try {
      setResult((await upload(file, "confirm", preview.fingerprint)) as Result);
      router.refresh();
    } catch (caught) {
      fail(caught);
    } finally {
      setBusy(null);
    }
  };

  const toApply = preview ? preview.counts.create + preview.counts.update : 0;
  const rows = preview ? preview.rows.filter((row) => tab === "all" || row.action === tab) : [];

  return (
    <div className="flex max-h-[calc(100vh-4rem)] flex-col" data-testid="import-panel">
      <div className="flex items-start justify-between gap-6 border-b border-line px-6 py-5">
        <div>
          <h2 className="text-lg font-bold">{t("importDialog.title")}</h2>
          <p className="mt-1 max-w-3xl text-sm text-muted">{t("importDialog.explain")}</p>
        </div>
        <button type="button" onClick={props.onClose} className="min-h-10 shrink-0 rounded-lg px-3 text-sm font-medium text-muted hover:bg-canvas">{t("close")}</button>
      </div>

      <div className="flex items-center gap-3 px-6 py-4">
        <label className="flex min-h-11 cursor-pointer items-center rounded-lg border border-line bg-white px-4 text-sm font-semibold hover:bg-canvas">
          {t("importDialog.choose")}
          <input
            type="file"
            data-testid="import-file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="sr-only"
            onChange={(event) => {
              const chosen = event.target.files?.[0] ?? null;
              setFile(chosen);
              if (chosen) void runPreview(chosen);
            }}
          />
        </label>
        <span className="truncate text-sm text-muted">{file?.name}</span>
        {busy === "preview" ? <span className="text-sm text-muted">{t("importDialog.previewing")}</span> : null}
      </div>

      {error ? <p role="alert" className="mx-6 mb-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p> : null}

      {result ? (
        <p role="status" data-testid="import-result" className="mx-6 mb-4 rounded-lg bg-emerald-50 px-4 py-3 text-sm font-medium text-emerald-800">
          {t("importDialog.done", result)}
        </p>
      ) : null}

      {preview && !result ? <PreviewBody preview={preview} rows={rows} tab={tab} setTab={setTab} /> : null}

      {preview && !result ? (
        <div className="flex items-center justify-between gap-4 border-t border-line px-6 py-4">
          <p className="text-sm text-muted">{preview.counts.error > 0 ? t("importDialog.errorsNote") : ""}</p>
          <button
            type="button"
            data-testid="import-confirm"
            disabled={busy !== null || toApply === 0 || preview.fileProblems.length > 0}
            onClick={() => void confirm()}
            className="min-h-11 shrink-0 rounded-lg bg-brand-600 px-5 text-sm font-semibold text-white disabled:opacity-40"
          >
            {busy === "confirm" ? t("importDialog.confirming") : toApply === 0 ? t("importDialog.nothingToApply") : t("importDialog.confirm", { count: toApply })}
          </button>
        </div>
      ) : null}
    </div>
  );
}

function PreviewBody(props: { preview: Preview; rows: PlanRow[]; tab: Tab; setTab: (tab: Tab) => void }) {
  const t = useTranslations("people");
  const { preview } = props;
  const locale = useLocale();
  if (preview.fileProblems.length > 0) {
    return (
      <div className="mx-6 mb-6 rounded-xl border border-red-200 bg-red-50 px-4 py-3" data-testid="import-file-problems">
        <p className="text-sm font-semibold text-red-800">{t("importDialog.fileProblems")}</p>
        <ul className="mt-2 list-disc pl-5 text-sm text-red-700">
          {preview.fileProblems.map((problem, index) => (
            <li key={index}>{problem.line ? `${t("atLine", { line: problem.line })}: ` : ""}<ProblemText problem={problem} /></li>
          ))}
        </ul>
      </div>
    );
  }
  const counts = preview.counts;
  const tabs: { id: Tab; label: string }[] = [
    { id: "all", label: t("importDialog.tabAll", { count: counts.create + counts.update + counts.error }) },
    { id: "error", label: t("importDialog.tabErrors", { count: counts.error }) },
    { id: "create", label: t("importDialog.tabCreate", { count: counts.create }) },
    { id: "update", label: t("importDialog.tabUpdate", { count: counts.update }) },
  ];
  return (
    <div className="flex min-h-0 flex-1 flex-col px-6">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <p className="font-semibold" data-testid="import-summary">{t("importDialog.summary", counts)}</p>
        {counts.emptyLines > 0 ? <p className="text-muted">{t("importDialog.emptyLines", { count: counts.emptyLines })}</p> : null}
        {preview.ignoredColumns.length > 0 ? <p className="text-muted">{t("importDialog.ignoredColumns", { columns: preview.ignoredColumns.join(", ") })}</p> : null}
        {preview.encoding ? <p className="text-muted">{t("importDialog.encoding", { encoding: preview.encoding.toUpperCase() })}</p> : null}
      </div>
      <div role="tablist" className="mt-3 flex gap-1 border-b border-line">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            role="tab"
            type="button"
            aria-selected={props.tab === tab.id}
            onClick={() => props.setTab(tab.id)}
            className={`min-h-10 border-b-2 px-3 text-sm font-medium ${props.tab === tab.id ? "border-brand-600 text-ink" : "border-transparent text-muted hover:text-ink"}`}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div className="min-h-0 flex-1 overflow-auto">
        <table className="w-full text-left text-sm" data-testid="import-preview">
          <thead className="sticky top-0 bg-white text-muted">
            <tr className="border-b border-line">
              <th className="w-16 px-3 py-2 font-medium">{t("importDialog.line")}</th>
              <th className="w-24 px-3 py-2 font-medium">{t("importDialog.action")}</th>
              <th className="w-64 px-3 py-2 font-medium">{t("importDialog.person")}</th>
              <th className="px-3 py-2 font-medium">{t("importDialog.details")}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.slice(0, SHOWN_ROWS).map((row) => (
              <tr key={row.line} data-line={row.line} data-action={row.action} className="border-b border-line align-top last:border-0">
                <td className="tabular px-3 py-2 text-muted">{row.line}</td>
                <td className="px-3 py-2"><ActionBadge action={row.action} /></td>
                <td className="px-3 py-2">
                  <span className="font-medium">{row.name ?? "—"}</span>
                  <span className="block text-xs text-muted">{[row.employeeNo, row.email].filter(Boolean).join(" · ")}</span>
                </td>
                <td className="px-3 py-2">
                  {row.problems.length > 0 ? (
                    <ul className="space-y-0.5 text-red-700">
                      {row.problems.map((problem, index) => (
                        <li key={index}><ProblemText problem={problem} /></li>
                      ))}
                    </ul>
                  ) : (
                    <ul className="space-y-0.5">
                      {row.changes.map((change) => (
                        <li key={change.field}>
                          <span className="text-muted">{t(`fields.${change.field}`)}: </span>
                          {row.action === "update" ? (
                            <>
                              <span className="text-muted line-through">{(locale === "en" ? change.fromEn : null) ?? change.from ?? t("importDialog.empty")}</span>
                              {" → "}
                            </>
                          ) : null}
                          <span className="font-medium">{(locale === "en" ? change.toEn : null) ?? change.to ?? t("importDialog.empty")}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {props.rows.length > SHOWN_ROWS ? <p className="py-3 text-center text-sm text-muted">{t("importDialog.more", { count: props.rows.length - SHOWN_ROWS })}</p> : null}
      </div>
    </div>
  );
}

function ActionBadge({ action }: { action: PlanRow["action"] }) {
  const t = useTranslations("people");
  if (action === "unchanged") return null;
  const style = { create: "bg-emerald-50 text-emerald-700", update: "bg-sky-50 text-sky-700", error: "bg-red-50 text-red-700" }[action];
  return <span className={`rounded-md px-2 py-1 text-xs font-semibold ${style}`}>{t(`importDialog.${action}`)}</span>;
}

function ProblemText({ problem }: { problem: FileProblem | PlanRow["problems"][number] }) {
  const t = useTranslations("people");
  const params: Record<string, string | number> = { ...(problem.params ?? {}) };
  // Field names inside messages read as the column the admin knows.
  if (typeof params.field === "string" && t.has(`fields.${params.field}`)) params.field = t(`fields.${params.field}`);
  if ("field" in problem && problem.field && params.field === undefined) params.field = t(`fields.${problem.field}`);
  return <>{t.has(`problems.${problem.code}`) ? t(`problems.${problem.code}`, params) : problem.code}</>;
}
