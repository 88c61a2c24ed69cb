import { z } from "zod";
import { listEmployees } from "@/server/domain/people/list-employees";
import { loadProfile } from "@/server/domain/people/profile";
import { listDepartments } from "@/server/domain/people/list-departments";
import { createEmployee, employeeDetail, markEmployeeLeft, setEmployeeSuspended, updateEmployee } from "@/server/domain/people/manage-employee";
import { EMPLOYEE_NO_PATTERN, NAME_MAX } from "@/server/domain/people/employee-rules";
import { withIdempotency } from "@/server/domain/idempotency";
import { employeeProcedure, hrProcedure, router } from "../init";
import { currentTime } from "@/server/clock";

export const listEmployeesInput = z.object({
  search: z.string().trim().max(100).optional(),
  departmentId: z.uuid().optional(),
  status: z.enum(["active", "suspended", "left"]).optional(),
  sort: z.enum(["name", "employeeNo", "department", "status"]).default("employeeNo"),
  direction: z.enum(["asc", "desc"]).default("asc"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
});

const isoDate = z.iso.date({ error: "dateInvalid" });

// Field messages are keys under `people.fieldErrors`, so the form shows them in the admin's language.
export const employeeFieldsInput = z
  .object({
    name: z.string().trim().min(1, { error: "required" }).max(NAME_MAX, { error: "nameTooLong" }),
    email: z.string().trim().toLowerCase().pipe(z.email({ error: "emailInvalid" })),
    employeeNo: z.string().trim().regex(EMPLOYEE_NO_PATTERN, { error: "employeeNoInvalid" }),
    departmentId: z.uuid().nullable(),
    hiredOn: isoDate.nullable(),
  })
  .strict();

export const peopleRouter = router({
  me: employeeProcedure.query(({ ctx }) => loadProfile({ tx: ctx.db, input: { userId: ctx.session.id } })),
  listEmployees: hrProcedure
    .input(listEmployeesInput)
    .query(({ ctx, input }) => listEmployees({ tx: ctx.db, input })),
  departments: hrProcedure.query(({ ctx }) => listDepartments({ tx: ctx.db })),
  employee: hrProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .query(({ ctx, input }) => employeeDetail({ tx: ctx.db, input })),
  createEmployee: hrProcedure
    .input(employeeFieldsInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((tx) => createEmployee({ tx, input: { ...input, actorId: ctx.session.id, requestId: ctx.requestId } })),
    ),
  updateEmployee: hrProcedure
    .input(employeeFieldsInput.extend({ id: z.uuid() }).strict())
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((tx) => updateEmployee({ tx, input: { ...input, actorId: ctx.session.id, requestId: ctx.requestId } })),
    ),
  setSuspended: hrProcedure
    .input(z.object({ id: z.uuid(), suspended: z.boolean() }).strict())
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((tx) => setEmployeeSuspended({ tx, input: { ...input, actorId: ctx.session.id, requestId: ctx.requestId } })),
    ),
  // Moves money (future vouchers back to the budget), so it carries an idempotency key.
  markLeft: hrProcedure
    .input(z.object({ id: z.uuid(), leftOn: isoDate, idempotencyKey: z.string().min(8).max(100) }).strict())
    .mutation(({ ctx, input }) =>
      withIdempotency(ctx.db, { scope: ctx.session.id, procedure: "people.markLeft", key: input.idempotencyKey, request: input }, (tx) =>
        markEmployeeLeft({ tx, input: { id: input.id, leftOn: input.leftOn, now: currentTime(), actorId: ctx.session.id, requestId: ctx.requestId } }),
      ),
    ),
});
