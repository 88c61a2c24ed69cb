import { and, asc, count, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { departments, users } from "@/db/schema";

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

export async function listEmployees(args: { tx: DbOrTx; input: ListEmployeesInput }) {
  const { tx, input } = args;
  const filters: SQL[] = [eq(users.role, "employee")];
  if (input.search) {
    // Escape LIKE wildcards so a search for "50%" means the literal text.
    const pattern = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(users.name, pattern), ilike(users.email, pattern), ilike(users.employeeNo, pattern));
    if (match) filters.push(match);
  }
  if (input.departmentId) filters.push(eq(users.departmentId, input.departmentId));
  if (input.status) filters.push(eq(users.status, input.status));
  const where = and(...filters);

  const sortColumn = {
    name: users.name,
    employeeNo: users.employeeNo,
    department: departments.nameKo,
    status: users.status,
  }[input.sort];
  const order = input.direction === "asc" ? asc(sortColumn) : desc(sortColumn);

  const [rows, [total]] = await Promise.all([
    tx
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        employeeNo: users.employeeNo,
        status: users.status,
        departmentKo: departments.nameKo,
        departmentEn: departments.nameEn,
      })
      .from(users)
      .leftJoin(departments, eq(departments.id, users.departmentId))
      .where(where)
      .orderBy(order, asc(users.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    tx.select({ total: count() }).from(users).where(where),
  ]);
  return { rows, total: total?.total ?? 0, page: input.page, pageSize: input.pageSize };
}
