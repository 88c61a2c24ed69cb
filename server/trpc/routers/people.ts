import { z } from "zod";
import { listEmployees } from "@/server/domain/people/list-employees";
import { loadProfile } from "@/server/domain/people/profile";
import { listDepartments } from "@/server/domain/people/list-departments";
import { employeeProcedure, hrProcedure, router } from "../init";

export const listEmployeesInput = z.object({
  search: z.string().trim().max(100).optional(),
  departmentId: z.uuid().optional(),
  status: z.enum(["active", "suspended", "left"]).optional(),
  sort: z.enum(["name", "employeeNo", "department", "status"]).default("employeeNo"),
  direction: z.enum(["asc", "desc"]).default("asc"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
});

export const peopleRouter = router({
  me: employeeProcedure.query(({ ctx }) => loadProfile({ tx: ctx.db, input: { userId: ctx.session.id } })),
  listEmployees: hrProcedure
    .input(listEmployeesInput)
    .query(({ ctx, input }) => listEmployees({ tx: ctx.db, input })),
  departments: hrProcedure.query(({ ctx }) => listDepartments({ tx: ctx.db })),
});
