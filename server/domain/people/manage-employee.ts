import { and, eq, ne, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, departments, users } from "@/db/schema";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { walletOf } from "../ledger/accounts";
import { businessDate } from "../time";
import { revokeFutureGrants } from "./revoke-future-grants";
import { currentTime } from "@/server/clock";

export type EmployeeFields = {
  name: string;
  email: string;
  employeeNo: string;
  departmentId: string | null;
  hiredOn: string | null;
};

type Actor = { actorId: string; requestId?: string | null };

const snapshot = (row: typeof users.$inferSelect) => ({
  name: row.name,
  email: row.email,
  employeeNo: row.employeeNo,
  departmentId: row.departmentId,
  hiredOn: row.hiredOn,
  status: row.status,
});

/** Refuses an e-mail or number someone else holds, naming the field so the form can mark it. */
async function checkUnique(tx: DbOrTx, fields: EmployeeFields, exceptId: string | null) {
  const clash = await tx
    .select({ id: users.id, email: users.email, employeeNo: users.employeeNo, name: users.name })
    .from(users)
    .where(and(or(eq(users.email, fields.email), eq(users.employeeNo, fields.employeeNo)), exceptId ? ne(users.id, exceptId) : undefined));
  if (clash.some((row) => row.email === fields.email)) {
    throw new DomainError("CONFLICT", "employeeEmailTaken", `the e-mail ${fields.email} belongs to someone else`, { field: "email" });
  }
  if (clash.some((row) => row.employeeNo === fields.employeeNo)) {
    throw new DomainError("CONFLICT", "employeeNoTaken", `the employee no. ${fields.employeeNo} belongs to someone else`, { field: "employeeNo" });
  }
  if (fields.departmentId) {
    const [department] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, fields.departmentId));
    if (!department) throw new DomainError("BAD_REQUEST", "employeeDepartmentUnknown", "no such department", { field: "departmentId" });
  }
}

async function lockEmployee(tx: DbOrTx, id: string) {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for("update");
  if (!row || row.role !== "employee") throw new DomainError("NOT_FOUND", "peopleEmployeeNotFound", "no such employee");
  return row;
}

/** Adds an employee (no password: they sign in through company SSO) with an empty wallet. */
export async function createEmployee(args: { tx: DbOrTx; input: EmployeeFields & Actor }) {
  const { tx, input } = args;
  const fields = normalise(input);
  await checkUnique(tx, fields, null);
  const [row] = await tx.insert(users).values({ ...fields, role: "employee", status: "active" }).returning();
  if (!row) throw new Error("employee insert returned nothing");
  await tx.insert(accounts).values({ kind: "employee_wallet", userId: row.id });
  await recordAudit(tx, { actorId: input.actorId, action: "employee.create", entityType: "user", entityId: row.id, after: snapshot(row), requestId: input.requestId });
  return { id: row.id };
}

export async function updateEmployee(args: { tx: DbOrTx; input: EmployeeFields & Actor & { id: string } }) {
  const { tx, input } = args;
  const before = await lockEmployee(tx, input.id);
  const fields = normalise(input);
  await checkUnique(tx, fields, input.id);
  const [after] = await tx.update(users).set({ ...fields, updatedAt: currentTime() }).where(eq(users.id, input.id)).returning();
  if (!after) throw new Error("employee update returned nothing");
  await recordAudit(tx, { actorId: input.actorId, action: "employee.update", entityType: "user", entityId: input.id, before: snapshot(before), after: snapshot(after), requestId: input.requestId });
  return { id: after.id };
}

/** Suspends (no sign-in, no pay code) or reactivates an employee; a leaver cannot come back this way. */
export async function setEmployeeSuspended(args: { tx: DbOrTx; input: Actor & { id: string; suspended: boolean } }) {
  const { tx, input } = args;
  const before = await lockEmployee(tx, input.id);
  if (before.status === "left") throw new DomainError("CONFLICT", "employeeHasLeft", "this employee has left");
  const status = input.suspended ? "suspended" : "active";
  if (before.status === status) return { id: before.id, status };
  const [after] = await tx.update(users).set({ status, updatedAt: currentTime() }).where(eq(users.id, input.id)).returning();
  if (!after) throw new Error("employee update returned nothing");
  await recordAudit(tx, {
    actorId: input.actorId,
    action: input.suspended ? "employee.suspend" : "employee.reactivate",
    entityType: "user",
    entityId: input.id,
    before: { status: before.status },
    after: { status: after.status },
    requestId: input.requestId,
  });
  return { id: after.id, status };
}

/**
 * Records that an employee left on `leftOn` (an Asia/Seoul date, not in the future): they can no
 * longer sign in or pay, their untouched vouchers from then on go back to the budget, and their
 * wallet balance is reported so HR can refund it.
 */
export async function markEmployeeLeft(args: { tx: DbOrTx; input: Actor & { id: string; leftOn: string; now: Date } }) {
  const { tx, input } = args;
  const before = await lockEmployee(tx, input.id);
  if (before.status === "left") throw new DomainError("CONFLICT", "employeeAlreadyLeft", "this employee has already left");
  const today = businessDate(input.now, "Asia/Seoul");
  if (input.leftOn > today) throw new DomainError("BAD_REQUEST", "employeeLeaveInFuture", "the leave date is in the future", { field: "leftOn" });
  if (before.hiredOn && input.leftOn < before.hiredOn) {
    throw new DomainError("BAD_REQUEST", "employeeLeaveBeforeHire", "the leave date is before the hire date", { field: "leftOn" });
  }
  // Vouchers from the day after the last working day, or any not yet started, whichever is sooner.
  const dayAfter = new Date(`${input.leftOn}T00:00:00+09:00`);
  dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
  const from = dayAfter < input.now ? dayAfter : input.now;
  const revoked = await revokeFutureGrants({ tx, input: { employeeId: input.id, from, now: input.now, actorId: input.actorId } });
  // Days an allocation planned but never gave count as vouchers taken back too (their value never left the budget).
  const takenBack = { grants: revoked.grants + revoked.planned.days, amount: revoked.amount + revoked.planned.amount };
  await tx.update(users).set({ status: "left", sessionsValidFrom: input.now, updatedAt: input.now }).where(eq(users.id, input.id));
  const wallet = await walletOf(tx, input.id);
  const walletBalance = wallet?.balance ?? 0n;
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "employee.leave",
    entityType: "user",
    entityId: input.id,
    before: { status: before.status },
    after: {
      status: "left",
      leftOn: input.leftOn,
      revokedGrants: revoked.grants,
      revokedAmount: revoked.amount,
      cancelledPlannedDays: revoked.planned.days,
      cancelledPlannedAmount: revoked.planned.amount,
      walletBalance,
    },
    requestId: input.requestId,
  });
  return { id: input.id, leftOn: input.leftOn, revokedGrants: takenBack.grants, revokedAmount: takenBack.amount, walletBalance };
}

/** One employee for the edit dialog, with what leaving would mean for their money. */
export async function employeeDetail(args: { tx: DbOrTx; input: { id: string } }) {
  const [row] = await args.tx.select().from(users).where(eq(users.id, args.input.id));
  if (!row || row.role !== "employee") throw new DomainError("NOT_FOUND", "peopleEmployeeNotFound", "no such employee");
  const wallet = await walletOf(args.tx, row.id);
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    employeeNo: row.employeeNo ?? "",
    departmentId: row.departmentId,
    hiredOn: row.hiredOn,
    status: row.status,
    walletBalance: wallet?.balance ?? 0n,
  };
}

function normalise<T extends EmployeeFields>(input: T): EmployeeFields {
  return {
    name: input.name.trim(),
    email: input.email.trim().toLowerCase(),
    employeeNo: input.employeeNo.trim(),
    departmentId: input.departmentId,
    hiredOn: input.hiredOn,
  };
}
