import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireHr } from "@/components/admin/vouchers/hr-page";
import { filterParam, type SearchParams } from "@/lib/search-params";
import { serverApi } from "@/server/trpc/server";
import { auditListInput } from "@/server/domain/audit-log/list";
import { toLocale } from "@/i18n/locales";
import { TablePager } from "@/components/admin/page-links";
import { AuditDiff } from "@/components/admin/audit-diff";

const FAMILIES = ["menu.", "voucher_", "employee"] as const;

export default async function AuditLogPage({ searchParams }: { searchParams: SearchParams }) {
  await requireHr();
  const params = await searchParams;
  const parsed = auditListInput.safeParse({
    actorId: filterParam(params.actor),
    storeId: filterParam(params.store),
    action: filterParam(params.action),
    from: filterParam(params.from),
    to: filterParam(params.to),
    page: Number(filterParam(params.page) ?? 1),
  });
  // A hand-edited URL with nonsense in it shows everything, and says so.
  const input = parsed.success ? parsed.data : auditListInput.parse({});
  const api = await serverApi();
  const [result, options, t, tCommon, tRoles, locale] = await Promise.all([
    api.audit.list(input),
    api.audit.filters(),
    getTranslations("auditLog"),
    getTranslations("common"),
    getTranslations("roles"),
    getLocale().then(toLocale),
  ]);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const query = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams();
    const merged = { actor: input.actorId, store: input.storeId, action: input.action, from: input.from, to: input.to, page: input.page, ...changes };
    for (const [key, value] of Object.entries(merged)) if (value !== undefined && value !== "") next.set(key, String(value));
    return `/admin/audit?${next.toString()}`;
  };
  const actionLabel = (action: string) => {
    const key = `actions.${action.replaceAll(".", "__")}`;
    return t.has(key) ? t(key) : action;
  };
  const familyLabel = (family: (typeof FAMILIES)[number]) => t(`families.${family.replace(/[._]$/, "")}`);
  const entityLabel = (type: string) => (t.has(`entityTypes.${type}`) ? t(`entityTypes.${type}`) : type);
  const time = new Intl.DateTimeFormat(locale === "ko" ? "ko-KR" : "en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "Asia/Seoul" });
  const field = "min-h-11 rounded-lg border border-line bg-white px-3 text-sm";

  return (
    <div className="mx-auto max-w-7xl">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-sm text-muted">{t("subtitle")}</p>
      {parsed.success ? null : <p role="alert" className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800">{t("badFilter")}</p>}

      <form className="mt-6 flex flex-wrap items-end gap-3" action="/admin/audit" data-testid="audit-filters">
        <label className="text-sm font-medium">
          <span className="block text-xs text-muted">{t("actor")}</span>
          <select name="actor" aria-label={t("actor")} defaultValue={input.actorId ?? ""} className={`${field} mt-1 w-52`}>
            <option value="">{t("allActors")}</option>
            {options.actors.map((actor) => (
              <option key={actor.id} value={actor.id}>{actor.name} · {actor.email}</option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          <span className="block text-xs text-muted">{t("store")}</span>
          <select name="store" aria-label={t("store")} defaultValue={input.storeId ?? ""} className={`${field} mt-1 w-36`}>
            <option value="">{t("allStores")}</option>
            {options.stores.map((store) => (
              <option key={store.id} value={store.id}>{locale === "ko" ? store.nameKo : store.nameEn}</option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          <span className="block text-xs text-muted">{t("action")}</span>
          <select name="action" aria-label={t("action")} defaultValue={input.action ?? ""} className={`${field} mt-1 w-48`}>
            <option value="">{t("allActions")}</option>
            {FAMILIES.map((family) => (
              <option key={family} value={family}>{familyLabel(family)}</option>
            ))}
            {options.actions.map((action) => (
              <option key={action} value={action}>{actionLabel(action)}</option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          <span className="block text-xs text-muted">{t("from")}</span>
          <input type="date" name="from" aria-label={t("from")} defaultValue={input.from ?? ""} className={`${field} mt-1`} />
        </label>
        <label className="text-sm font-medium">
          <span className="block text-xs text-muted">{t("to")}</span>
          <input type="date" name="to" aria-label={t("to")} defaultValue={input.to ?? ""} className={`${field} mt-1`} />
        </label>
        <button className="min-h-11 rounded-lg bg-ink px-5 text-sm font-semibold text-white">{t("apply")}</button>
        <Link href="/admin/audit" className="flex min-h-11 items-center rounded-lg px-3 text-sm font-medium text-muted hover:bg-white hover:text-ink">{t("reset")}</Link>
      </form>

      <div className="mt-4 rounded-xl border border-line bg-white">
        <table className="w-full table-fixed text-left text-sm" data-testid="audit-table">
          <thead className="border-b border-line bg-canvas/60 text-muted">
            <tr>
              <th scope="col" className="w-44 px-4 py-3 font-medium">{t("when")}</th>
              <th scope="col" className="w-52 px-4 py-3 font-medium">{t("actor")}</th>
              <th scope="col" className="w-36 px-4 py-3 font-medium">{t("store")}</th>
              <th scope="col" className="w-52 px-4 py-3 font-medium">{t("action")}</th>
              <th scope="col" className="px-4 py-3 font-medium">{t("changes")}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => (
              <tr key={row.id} className="border-b border-line align-top last:border-0" data-testid="audit-row" data-action={row.action}>
                <td className="tabular px-4 py-3 text-xs text-muted">{time.format(row.createdAt)}</td>
                <td className="px-4 py-3">
                  {row.actorName ? (
                    <>
                      <span className="block font-medium" data-testid="audit-actor">{row.actorName}</span>
                      <span className="block truncate text-xs text-muted">{row.actorEmail}</span>
                      {row.actorRole ? <span className="mt-0.5 inline-block rounded bg-canvas px-1.5 py-0.5 text-[11px] text-muted">{tRoles(row.actorRole)}</span> : null}
                    </>
                  ) : (
                    <span className="text-muted">{t("system")}</span>
                  )}
                </td>
                <td className="px-4 py-3" data-testid="audit-store">
                  {row.storeId ? <span className="font-medium">{locale === "ko" ? row.storeNameKo : row.storeNameEn}</span> : <span className="text-muted">{t("noStore")}</span>}
                </td>
                <td className="px-4 py-3">
                  <span className="block font-semibold" data-testid="audit-action">{actionLabel(row.action)}</span>
                  <span className="block font-mono text-[11px] text-muted">{row.action}</span>
                  <span className="mt-0.5 block truncate text-xs text-muted" title={row.entityId}>
                    {entityLabel(row.entityType)} · {row.entityId.slice(0, 8)}
                  </span>
                </td>
                <td className="min-w-0 px-4 py-3">
                  <AuditDiff before={row.before} after={row.after} />
                </td>
              </tr>
            ))}
            {result.rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-4 py-16 text-center text-muted">{t("noResults")}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>

      <TablePager
        total={<span data-testid="audit-total">{t("total", { count: result.total })}</span>}
        page={input.page}
        pages={pages}
        hrefFor={(page) => query({ page })}
        labels={{ pageOf: tCommon("pageOf", { page: input.page, pages }), previous: tCommon("previous"), next: tCommon("next") }}
      />
    </div>
  );
}
