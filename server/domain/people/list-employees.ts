import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { departments, users } from "@/db/schema";
import { businessDate } from "../time";
import { pendingPlanDays } from "../vouchers/plans";
import { currentTime } from "@/server/clock";

export type EmployeeSort = "name" | "employeeNo" | "department" | "status";

export type ListEmployeesInput = {
  search?: string;
  departmentId?: string;
  status?: "active" | "suspended" | "left";
  sort: EmployeeSort;
  direction: "asc" | "desc";
  page: number;
  pageSize: number;
};

export type EmployeeFilters = Pick<ListEmployeesInput, "search" | "departmentId" | "status">;

export function employeeFilter(input: EmployeeFilters) {
  const filters: SQL[] = [eq(users.role, "employee")];
  if (input.search) {
    // Escape LIKE wildcards so a search for "50%" means the literal text.
    const pattern = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(users.name, pattern), ilike(users.email, pattern), ilike(users.employeeNo, pattern));
    if (match) filters.push(match);
  }
  if (input.departmentId) filters.push(eq(users.departmentId, input.departmentId));
  if (input.status) filters.push(eq(users.status, input.status));
  return and(...filters);
}

export function employeeOrder(input: Pick<ListEmployeesInput, "sort" | "direction">) {
  const sortColumn = {
    name: users.name,
    employeeNo: users.employeeNo,
    department: departments.nameKo,
    status: users.status,
  }[input.sort];
  return [input.direction === "asc" ? asc(sortColumn) : desc(sortColumn), asc(users.id)];
}

export const employeeColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  employeeNo: users.employeeNo,
  status: users.status,
  hiredOn: users.hiredOn,
  departmentId: users.departmentId,
  departmentKo: departments.nameKo,
  departmentEn: departments.nameEn,
};

export async function listEmployees(args: { tx: DbOrTx; input: ListEmployeesInput; now?: Date }) {
  const { tx, input } = args;
  const where = employeeFilter(input);
  const [rows, [total]] = await Promise.all([
    tx
      .select(employeeColumns)
      .from(users)
      .leftJoin(departments, eq(departments.id, users.departmentId))
      .where(where)
      .orderBy(...employeeOrder(input))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    tx.select({ total: count() }).from(users).where(where),
  ]);
  const figures = await employeeFigures(tx, rows.map((row) => row.id), args.now ?? currentTime());
  return {
    rows: rows.map((row) => ({ ...row, ...(figures.get(row.id) ?? NO_FIGURES) })),
    total: total?.total ?? 0,
    page: input.page,
    pageSize: input.pageSize,
  };
}

export type EmployeeFigures = { walletBalance: bigint; vouchersGranted: bigint; vouchersUsed: bigint };
const NO_FIGURES: EmployeeFigures = { walletBalance: 0n, vouchersGranted: 0n, vouchersUsed: 0n };

/** The Asia/Seoul calendar month an instant falls in, as [start, end). */
export function seoulMonth(now: Date) {
  const [year, month] = businessDate(now, "Asia/Seoul").split("-").map(Number) as [number, number];
  const pad = (n: number) => String(n).padStart(2, "0");
  const next = month === 12 ? `${year + 1}-01` : `${year}-${pad(month + 1)}`;
  return { start: new Date(`${year}-${pad(month)}-01T00:00:00+09:00`), end: new Date(`${next}-01T00:00:00+09:00`) };
}

/**
 * Wallet balance and this month's vouchers for the given people: granted is the value of
 * grants starting this month (revoked ones excluded), used is what payments net of refunds
 * took from them. Expired value is neither used nor still granted, so it is not counted as used.
 */
export async function employeeFigures(tx: DbOrTx, ids: readonly string[], now: Date) {
  const figures = new Map<string, EmployeeFigures>();
  if (ids.length === 0) return figures;
  const { start, end } = seoulMonth(now);
  const rows = (await tx.execute(sql`
    with people as (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid as id),
    month_grants as (
      select g.id, g.employee_id, g.amount from voucher_grants g
      where g.employee_id in (select id from people) and g.status <> 'revoked'
        and g.valid_from >= ${start.toISOString()}::timestamptz and g.valid_from < ${end.toISOString()}::timestamptz
    ),
    -- Days an allocation planned for later this month are granted too, though not made yet.
    month_planned as (
      select pd.employee_id, sum(pd.amount) as amount from (${pendingPlanDays(sql`p.employee_id in (select id from people)
        and (d.day + p.window_start) at time zone p.time_zone >= ${start.toISOString()}::timestamptz
        and (d.day + p.window_start) at time zone p.time_zone < ${end.toISOString()}::timestamptz`)}) pd
      group by pd.employee_id
    ),
    used as (
      select mg.employee_id, -sum(e.amount) as used
      from month_grants mg
      join accounts a on a.grant_id = mg.id and a.kind = 'voucher_grant'
      join ledger_entries e on e.account_id = a.id
      join ledger_transfers t on t.id = e.transfer_id and t.kind in ('payment', 'refund')
      group by mg.employee_id
    )
    select p.id,
      coalesce(w.balance, 0)::text as wallet,
      (coalesce((select sum(amount) from month_grants mg where mg.employee_id = p.id), 0)
        + coalesce((select amount from month_planned mp where mp.employee_id = p.id), 0))::text as granted,
      coalesce(u.used, 0)::text as used
    from people p
    left join accounts w on w.kind = 'employee_wallet' and w.user_id = p.id
    left join used u on u.employee_id = p.id`)) as unknown as { id: string; wallet: string; granted: string; used: string }[];
  for (const row of rows) {
    figures.set(row.id, { walletBalance: BigInt(row.wallet), vouchersGranted: BigInt(row.granted), vouchersUsed: BigInt(row.used) });
  }
  return figures;
}
