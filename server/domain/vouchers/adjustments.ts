import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, departments, users, voucherGrants, type Meal } from "@/db/schema";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { firstId, lockAccounts } from "../ledger/accounts";
import { postTransfer } from "../ledger/post-transfer";
import { grantVoucher } from "./grants";
import { makeDueGrants, makeOwnDueGrants } from "./plans";
import { COMPANY_TIME_ZONE } from "./policies";

async function loadEmployee(tx: DbOrTx, employeeId: string) {
  const [employee] = await tx
    .select({ id: users.id, name: users.name, employeeNo: users.employeeNo, status: users.status, role: users.role })
    .from(users)
    .where(eq(users.id, employeeId));
  if (!employee || employee.role !== "employee") throw new DomainError("NOT_FOUND", "employeeNotFound", "no such employee");
  return employee;
}

// Midnight of a calendar day in the company's time zone, as an instant.
async function startOfDay(tx: DbOrTx, day: string) {
  const [row] = (await tx.execute(sql`select (${day}::date::timestamp at time zone ${COMPANY_TIME_ZONE})::text as at`)) as unknown as { at: string }[];
  if (!row) throw new Error("date conversion returned nothing");
  return new Date(row.at);
}

export type AdjustmentInput = {
  employeeId: string;
  direction: "grant" | "takeBack";
  amount: bigint;
  reason: string;
  meal: Meal;
  validFrom: string;
  validUntil: string;
  actorId: string;
  requestId?: string | null;
};

/**
 * HR's correction for one employee, with the reason in the audit log. A grant is a voucher
 * usable any time of day at any store for the days given. Taking back draws first on the
 * grants that stay valid longest, so the meal the employee may be about to buy is touched last.
 */
export async function adjustVouchers(args: { tx: DbOrTx; input: AdjustmentInput }) {
  const { tx, input } = args;
  const employee = await loadEmployee(tx, input.employeeId);
  if (input.direction === "grant") {
    if (input.validUntil < input.validFrom) throw new DomainError("BAD_REQUEST", "adjustmentPeriodOrder", "the voucher would end before it starts");
    if (employee.status !== "active") throw new DomainError("PRECONDITION_FAILED", "adjustmentEmployeeInactive", "only an active employee can be given vouchers");
    const validFrom = await startOfDay(tx, input.validFrom);
    const validUntil = new Date((await startOfDay(tx, input.validUntil)).getTime() + 86_400_000);
    const grant = await grantVoucher({
      tx,
      input: { employeeId: employee.id, meal: input.meal, amount: input.amount, validFrom, validUntil, createdBy: input.actorId },
    });
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "voucher_adjustment.grant",
      entityType: "user",
      entityId: employee.id,
      after: { grantId: grant.id, amount: input.amount, meal: input.meal, validFrom, validUntil, reason: input.reason },
      requestId: input.requestId,
    });
    return { direction: "grant" as const, amount: input.amount, grantIds: [grant.id] };
  }

  // Planned days are vouchers too: take back from them as from the rest.
  await makeDueGrants(tx, { employeeIds: [employee.id], allDays: true });
  const holding = await tx
    .select({ grantId: voucherGrants.id, accountId: accounts.id })
    .from(voucherGrants)
    .innerJoin(accounts, and(eq(accounts.grantId, voucherGrants.id), eq(accounts.kind, "voucher_grant")))
    .where(and(eq(voucherGrants.employeeId, employee.id), eq(voucherGrants.status, "active"), gt(accounts.balance, 0n)));
  const { balances, systemIds } = await lockAccounts(
    tx,
    holding.map((h) => h.accountId),
    [{ kind: "voucher_budget", storeId: null }],
  );
  // Balances as they are under the lock; a payment may have spent some since the read above.
  const ordered = await tx
    .select({ grantId: voucherGrants.id, accountId: accounts.id, validUntil: voucherGrants.validUntil })
    .from(voucherGrants)
    .innerJoin(accounts, eq(accounts.grantId, voucherGrants.id))
    .where(and(eq(voucherGrants.employeeId, employee.id), eq(voucherGrants.status, "active")))
    .orderBy(desc(voucherGrants.validUntil), asc(voucherGrants.id));
  const available = ordered.reduce((sum, row) => sum + (balances.get(row.accountId) ?? 0n), 0n);
  if (available < input.amount) {
    throw new DomainError("PRECONDITION_FAILED", "adjustmentExceedsBalance", "the employee's vouchers hold less than that", {
      available: available.toString(),
    });
  }
  let left = input.amount;
  const entries: { accountId: string; amount: bigint }[] = [];
  const touched: { grantId: string; amount: bigint }[] = [];
  for (const row of ordered) {
    if (left === 0n) break;
    const take = [balances.get(row.accountId) ?? 0n, left].reduce((a, b) => (a < b ? a : b));
    if (take <= 0n) continue;
    entries.push({ accountId: row.accountId, amount: -take });
    touched.push({ grantId: row.grantId, amount: take });
    left -= take;
  }
  entries.push({ accountId: firstId(systemIds), amount: input.amount });
  const transferId = await postTransfer(tx, { kind: "adjustment", memo: `take back: ${input.reason}`, createdBy: input.actorId, entries });
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "voucher_adjustment.take_back",
    entityType: "user",
    entityId: employee.id,
    before: { available },
    after: { available: available - input.amount, taken: touched, transferId, reason: input.reason },
    requestId: input.requestId,
  });
  return { direction: "takeBack" as const, amount: input.amount, grantIds: touched.map((t) => t.grantId) };
}

/** An employee's vouchers for HR: what they can still spend, and the latest grants. */
export async function employeeVouchers(args: { tx: DbOrTx; input: { employeeId: string; now: Date } }) {
  const { tx, input } = args;
  const [employee] = await tx
    .select({ id: users.id, name: users.name, employeeNo: users.employeeNo, status: users.status, nameKo: departments.nameKo, nameEn: departments.nameEn })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(and(eq(users.id, input.employeeId), eq(users.role, "employee")));
  if (!employee) throw new DomainError("NOT_FOUND", "employeeNotFound", "no such employee");
  // HR sees every voucher an allocation gives, so the days it planned for later are made now.
  await makeOwnDueGrants(tx, employee.id, { allDays: true });
  const grants = await tx
    .select({
      id: voucherGrants.id,
      meal: voucherGrants.meal,
      amount: voucherGrants.amount,
      balance: accounts.balance,
      status: voucherGrants.status,
      serviceDate: voucherGrants.serviceDate,
      pooled: voucherGrants.pooled,
      validFrom: voucherGrants.validFrom,
      validUntil: voucherGrants.validUntil,
      windowStart: voucherGrants.windowStart,
      windowEnd: voucherGrants.windowEnd,
      allocationRunId: voucherGrants.allocationRunId,
    })
    .from(voucherGrants)
    .innerJoin(accounts, and(eq(accounts.grantId, voucherGrants.id), eq(accounts.kind, "voucher_grant")))
    .where(eq(voucherGrants.employeeId, employee.id))
    .orderBy(desc(voucherGrants.validUntil))
    .limit(60);
  const [totals] = await tx
    .select({
      spendable: sql<string>`coalesce(sum(${accounts.balance}) filter (where ${voucherGrants.validUntil} > ${input.now.toISOString()}::timestamptz), 0)::text`,
      activeGrants: sql<number>`count(*) filter (where ${voucherGrants.validUntil} > ${input.now.toISOString()}::timestamptz)::int`,
    })
    .from(voucherGrants)
    .innerJoin(accounts, and(eq(accounts.grantId, voucherGrants.id), eq(accounts.kind, "voucher_grant")))
    .where(and(eq(voucherGrants.employeeId, employee.id), eq(voucherGrants.status, "active"), gt(accounts.balance, 0n)));
  return { employee, grants, balance: BigInt(totals?.spendable ?? "0"), activeGrants: totals?.activeGrants ?? 0 };
}

/** Employees matching a name, number or email, for the adjustment screen's picker. */
export function findEmployees(args: { tx: DbOrTx; input: { search: string } }) {
  const pattern = `%${args.input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return args.tx
    .select({ id: users.id, name: users.name, employeeNo: users.employeeNo, email: users.email, status: users.status })
    .from(users)
    .where(and(eq(users.role, "employee"), sql`(${users.name} ilike ${pattern} or ${users.employeeNo} ilike ${pattern} or ${users.email} ilike ${pattern})`))
    .orderBy(asc(users.employeeNo))
    .limit(20);
}
