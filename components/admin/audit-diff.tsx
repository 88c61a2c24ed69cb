import { getTranslations } from "next-intl/server";
import { diffAudit, type AuditValue } from "@/server/domain/audit-log/list";

/** One value as a reviewer reads it: text as is, yes/no, lists joined, objects as compact JSON. */
function show(value: AuditValue | undefined, empty: string): string {
  if (value === undefined || value === null || value === "") return empty;
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (Array.isArray(value) && value.every((entry) => typeof entry !== "object" || entry === null)) return value.join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Before → after of one audit row, field by field, with the raw JSON one click away. */
export async function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const t = await getTranslations("auditLog");
  const changes = diffAudit(before ?? undefined, after ?? undefined);
  const empty = t("empty");
  return (
    <div data-testid="audit-diff">
      {changes.length === 0 ? (
        <p className="text-xs text-muted">{t("noChanges")}</p>
      ) : (
        <table className="w-full text-xs">
          <tbody>
            {changes.slice(0, 12).map((change) => (
              <tr key={change.path} className="align-top">
                <th scope="row" className="w-36 py-0.5 pr-2 text-left font-mono font-medium text-muted">{change.path}</th>
                <td className="py-0.5">
                  <span className="rounded bg-red-50 px-1 break-all text-red-700 line-through decoration-red-300" data-testid="diff-before">{show(change.before, empty)}</span>
                  <span aria-hidden className="mx-1 text-muted">→</span>
                  <span className="sr-only">{t("after")}</span>
                  <span className="rounded bg-emerald-50 px-1 break-all text-emerald-800" data-testid="diff-after">{show(change.after, empty)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {changes.length > 12 ? <p className="text-xs text-muted">…+{changes.length - 12}</p> : null}
      <details className="mt-1">
        <summary className="cursor-pointer text-[11px] text-muted hover:text-ink">{t("showRaw")}</summary>
        <div className="mt-1 grid grid-cols-2 gap-2">
          <pre className="max-h-48 overflow-auto rounded bg-canvas p-2 text-[11px]"><b>{t("before")}</b>{"\n"}{JSON.stringify(before, null, 2)}</pre>
          <pre className="max-h-48 overflow-auto rounded bg-canvas p-2 text-[11px]"><b>{t("after")}</b>{"\n"}{JSON.stringify(after, null, 2)}</pre>
        </div>
      </details>
    </div>
  );
}
