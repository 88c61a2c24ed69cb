import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireHr } from "@/components/admin/vouchers/hr-page";
import { filterParam, type SearchParams } from "@/lib/search-params";
import { serverApi } from "@/server/trpc/server";
import { listEmployeesInput } from "@/server/trpc/routers/people";
import { toLocale } from "@/i18n/locales";
import { TablePager } from "@/components/admin/page-links";
import { StatusBadge } from "@/components/admin/status-badge";
import { EmployeePayDevicesButton } from "@/components/admin/employee-pay-devices";
import { EmployeeRowActions, EmployeesToolbar } from "@/components/admin/people/employee-controls";
import { formatWon } from "@/lib/money";


export default async function EmployeesPage({ searchParams }: { searchParams: SearchParams }) {
  await requireHr();
  const params = await searchParams;
  const parsed = listEmployeesInput.safeParse({
    search: filterParam(params.q),
    departmentId: filterParam(params.department),
    status: filterParam(params.status),
    sort: filterParam(params.sort),
    direction: filterParam(params.dir),
    page: Number(filterParam(params.page) ?? 1),
  });
  // A hand-edited URL with nonsense in it shows the unfiltered first page rather than an error.
  const input = parsed.success ? parsed.data : listEmployeesInput.parse({});
  const api = await serverApi();
  const [result, departments, t, tCommon, locale, tPeople] = await Promise.all([
    api.people.listEmployees(input),
    api.people.departments(),
    getTranslations("admin"),
    getTranslations("common"),
    getLocale().then(toLocale),
    getTranslations("people"),
  ]);
  const exportQuery = new URLSearchParams(
    Object.entries({ q: input.search, department: input.departmentId, status: input.status, sort: input.sort, dir: input.direction, lang: locale })
      .filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
  ).toString();
  const departmentOptions = departments.map((d) => ({ id: d.id, nameKo: d.nameKo, nameEn: d.nameEn }));
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const query = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams();
    const merged = {
      q: input.search,
      department: input.departmentId,
      status: input.status,
      sort: input.sort,
      dir: input.direction,
      page: input.page,
      ...changes,
    };
    for (const [key, value] of Object.entries(merged)) if (value !== undefined && value !== "") next.set(key, String(value));
    return `/admin/employees?${next.toString()}`;
  };
  const sortHeader = (column: typeof input.sort, label: string) => {
    const active = input.sort === column;
    const direction = active && input.direction === "asc" ? "desc" : "asc";
    return (
      <th scope="col" aria-sort={active ? (input.direction === "asc" ? "ascending" : "descending") : "none"} className="px-4 py-3 font-medium">
        <Link href={query({ sort: column, dir: direction, page: 1 })} className="inline-flex items-center gap-1 hover:text-ink" title={t("sortBy", { column: label })}>
          {label}
          <span aria-hidden className={active ? "text-brand-600" : "text-line"}>{active && input.direction === "desc" ? "▼" : "▲"}</span>
        </Link>
      </th>
    );
  };

  return (
    <div className="mx-auto max-w-7xl">
      <div className="flex items-end justify-between gap-6">
        <div>
          <h1 className="text-2xl font-bold">{t("employeesTitle")}</h1>
          <p className="mt-1 text-sm text-muted">{t("employeesSubtitle")}</p>
        </div>
        <EmployeesToolbar departments={departmentOptions} exportQuery={exportQuery} />
      </div>

      <form className="mt-6 flex flex-wrap items-end gap-3" action="/admin/employees">
        <label className="flex-1 text-sm font-medium">
          <span className="sr-only">{tCommon("search")}</span>
          <input
            name="q"
            defaultValue={input.search}
            placeholder={t("searchPlaceholder")}
            className="min-h-11 w-full rounded-lg border border-line bg-white px-3 outline-none focus:border-brand-500"
          />
        </label>
        <label className="text-sm font-medium">
          <span className="sr-only">{t("department")}</span>
          <select name="department" defaultValue={input.departmentId ?? ""} className="min-h-11 rounded-lg border border-line bg-white px-3">
            <option value="">{t("department")}: {tCommon("all")}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>{locale === "ko" ? d.nameKo : d.nameEn}</option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          <span className="sr-only">{t("status")}</span>
          <select name="status" defaultValue={input.status ?? ""} className="min-h-11 rounded-lg border border-line bg-white px-3">
            <option value="">{t("status")}: {tCommon("all")}</option>
            <option value="active">{t("statusActive")}</option>
            <option value="suspended">{t("statusSuspended")}</option>
            <option value="left">{t("statusLeft")}</option>
          </select>
        </label>
        <input type="hidden" name="sort" value={input.sort} />
        <input type="hidden" name="dir" value={input.direction} />
        <button className="min-h-11 rounded-lg bg-ink px-5 text-sm font-semibold text-white">{tCommon("search")}</button>
      </form>

      <div className="mt-4 rounded-xl border border-line bg-white">
        <table className="w-full text-left text-sm" data-testid="employees-table">
          <thead className="border-b border-line bg-canvas/60 text-muted">
            <tr>
              {sortHeader("employeeNo", t("employeeNo"))}
              {sortHeader("name", t("name"))}
              <th scope="col" className="px-4 py-3 font-medium">{t("email")}</th>
              {sortHeader("department", t("department"))}
              {sortHeader("status", t("status"))}
              <th scope="col" className="px-4 py-3 text-right font-medium">{tPeople("walletBalance")}</th>
              <th scope="col" className="px-4 py-3 text-right font-medium" title={tPeople("vouchersHint")}>
                {tPeople("vouchersThisMonth")}
                <span className="block text-[11px] font-normal">{tPeople("vouchersHint")}</span>
              </th>
              <th scope="col" className="px-4 py-3 font-medium"><span className="sr-only">{tPeople("actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => (
              <tr key={row.id} className="border-b border-line last:border-0 hover:bg-canvas/50">
                <td className="tabular px-4 py-3 text-muted">{row.employeeNo}</td>
                <td className="px-4 py-3 font-medium">{row.name}</td>
                <td className="px-4 py-3 text-muted">{row.email}</td>
                <td className="px-4 py-3">{locale === "ko" ? row.departmentKo : row.departmentEn}</td>
                <td className="px-4 py-3"><StatusBadge status={row.status} /></td>
                <td className="tabular px-4 py-3 text-right" data-testid="wallet-balance">{formatWon(row.walletBalance, locale)}</td>
                <td className="tabular px-4 py-3 text-right" data-testid="vouchers-month">
                  {tPeople("vouchersGrantedUsed", { used: formatWon(row.vouchersUsed, locale), granted: formatWon(row.vouchersGranted, locale) })}
                </td>
                <td className="px-4 py-3">
                  <div className="flex items-center justify-end gap-1">
                    <EmployeePayDevicesButton employeeId={row.id} name={row.name} />
                    <EmployeeRowActions employeeId={row.id} name={row.name} status={row.status} departments={departmentOptions} />
                  </div>
                </td>
              </tr>
            ))}
            {result.rows.length === 0 ? (
              <tr>
                <td colSpan={8} className="px-4 py-16 text-center text-muted">{t("noResults")}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>

      <TablePager
        total={<span data-testid="employees-total">{tCommon("totalCount", { count: result.total })}</span>}
        page={input.page}
        pages={pages}
        hrefFor={(page) => query({ page })}
        labels={{ pageOf: tCommon("pageOf", { page: input.page, pages }), previous: tCommon("previous"), next: tCommon("next") }}
      />
    </div>
  );
}
