import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { recordAudit } from "../../audit";
import { DomainError } from "../../errors";
import { planImport } from "./plan";
import type { ReadFile } from "./read-file";

export type ConfirmImportInput = {
  file: ReadFile;
  /** The preview's fingerprint: the admin agreed to exactly that plan. */
  fingerprint: string;
  actorId: string;
  fileName: string;
  fileSha256: string;
  requestId?: string | null;
};

/**
 * Writes every valid row of an import in the caller's one transaction: new people in one
 * statement (with their wallets), changed people in another, one audit entry with the counts.
 * The plan is recomputed under a lock and must match what the admin previewed.
 */
export async function confirmImport(args: { tx: DbOrTx; input: ConfirmImportInput }) {
  const { tx, input } = args;
  // Two imports at once would each plan against a database the other is changing.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('canteen.employee-import'))`);
  const plan = await planImport({ tx, input: input.file });
  if (plan.fileProblems.length > 0) {
    throw new DomainError("BAD_REQUEST", "employeeImportFileInvalid", "the file cannot be imported; see the preview");
  }
  if (plan.fingerprint !== input.fingerprint) {
    throw new DomainError("CONFLICT", "employeeImportStale", "the employees changed since the preview; preview the file again");
  }

  const creates = plan.writes.filter((row) => row.personId === null);
  const updates = plan.writes.filter((row) => row.personId !== null);
  if (creates.length > 0) {
    // One JSON parameter instead of 7 per row: 10,000 rows would pass PostgreSQL's 65,535-parameter limit.
    await tx.execute(sql`
      with incoming as (
        select * from jsonb_to_recordset(${JSON.stringify(creates)}::jsonb)
          as x("employeeNo" text, name text, email text, "departmentId" uuid, "hiredOn" date)
      ),
      created as (
        insert into users (email, name, role, status, employee_no, department_id, hired_on)
        select email, name, 'employee', 'active', "employeeNo", "departmentId", "hiredOn" from incoming
        returning id
      )
      insert into accounts (kind, user_id) select 'employee_wallet', id from created`);
  }
  if (updates.length > 0) {
    await tx.execute(sql`
      update users set
        name = x.name, email = x.email, department_id = x."departmentId", hired_on = x."hiredOn", updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
        as x("personId" uuid, name text, email text, "departmentId" uuid, "hiredOn" date)
      where users.id = x."personId"`);
  }

  const result = {
    created: creates.length,
    updated: updates.length,
    unchanged: plan.counts.unchanged,
    skipped: plan.counts.error,
  };
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "employees.import",
    entityType: "employee_import",
    entityId: input.fileSha256,
    after: {
      fileName: input.fileName,
      format: plan.format,
      encoding: plan.encoding,
      ...result,
      createdEmployeeNos: creates.map((row) => row.employeeNo),
      updatedEmployeeNos: updates.map((row) => row.employeeNo),
    },
    requestId: input.requestId ?? null,
  });
  return result;
}
