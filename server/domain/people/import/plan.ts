import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { departments } from "@/db/schema";
import { EMPLOYEE_NO_PATTERN, NAME_MAX, parseHireDate } from "../employee-rules";
import type { FileProblem, ImportField, ReadFile } from "./read-file";

export type RowProblem = { field: ImportField | null; code: string; params?: Record<string, string | number> };
export type FieldChange = { field: "name" | "email" | "department" | "hiredOn"; from: string | null; to: string | null; fromEn?: string | null; toEn?: string | null };

/** What one line of the file will do once confirmed. */
export type PlanRow = {
  line: number;
  action: "create" | "update" | "unchanged" | "error";
  employeeNo: string | null;
  name: string | null;
  email: string | null;
  changes: FieldChange[];
  problems: RowProblem[];
};

export type WriteRow = {
  line: number;
  personId: string | null;
  employeeNo: string;
  name: string;
  email: string;
  departmentId: string | null;
  hiredOn: string | null;
};

export type ImportPlan = {
  format: ReadFile["format"];
  encoding: ReadFile["encoding"];
  fileProblems: FileProblem[];
  ignoredColumns: string[];
  counts: { rows: number; create: number; update: number; unchanged: number; error: number; emptyLines: number };
  /** The rows that create, change or fail; unchanged rows are only counted. */
  rows: PlanRow[];
  /** Changes when anything the confirm would write changes, so a stale preview is never applied. */
  fingerprint: string;
  writes: WriteRow[];
};

const emailSchema = z.email();

type Person = {
  id: string;
  role: string;
  employeeNo: string | null;
  email: string;
  name: string;
  departmentId: string | null;
  hiredOn: string | null;
};

/**
 * Decides, row by row, what an import would create or change and what stops a row, against
 * the people in the database now. Reads only; the same plan is recomputed at confirm time.
 */
export async function planImport(args: { tx: DbOrTx; input: ReadFile }): Promise<ImportPlan> {
  const { tx, input: file } = args;
  const departmentRows = await tx.select().from(departments);
  const departmentByKey = new Map<string, (typeof departmentRows)[number]>();
  for (const department of departmentRows) {
    for (const key of [department.code, department.nameKo, department.nameEn]) departmentByKey.set(key.trim().toLowerCase(), department);
  }
  const departmentById = new Map(departmentRows.map((department) => [department.id, department]));

  // Normalise first so duplicates are judged on what would be stored.
  const drafts = file.rows.map((row) => {
    const problems: RowProblem[] = [];
    for (const field of ["employeeNo", "name", "email"] as const) {
      if (!row.cells[field]) problems.push({ field, code: "required" });
    }
    const employeeNo = row.cells.employeeNo ?? null;
    if (employeeNo && !EMPLOYEE_NO_PATTERN.test(employeeNo)) problems.push({ field: "employeeNo", code: "employeeNoInvalid", params: { value: employeeNo } });
    const name = row.cells.name ?? null;
    if (name && name.length > NAME_MAX) problems.push({ field: "name", code: "nameTooLong", params: { max: NAME_MAX } });
    const email = row.cells.email ? row.cells.email.toLowerCase() : null;
    if (email && !emailSchema.safeParse(email).success) problems.push({ field: "email", code: "emailInvalid", params: { value: row.cells.email ?? "" } });
    let departmentId: string | null | undefined;
    if (row.cells.department !== undefined) {
      const department = departmentByKey.get(row.cells.department.toLowerCase());
      if (department) departmentId = department.id;
      else problems.push({ field: "department", code: "departmentUnknown", params: { value: row.cells.department } });
    }
    let hiredOn: string | null | undefined;
    if (row.cells.hiredOn !== undefined) {
      const parsed = parseHireDate(row.cells.hiredOn);
      if (parsed) hiredOn = parsed;
      else problems.push({ field: "hiredOn", code: "hiredOnInvalid", params: { value: row.cells.hiredOn } });
    }
    if (row.extraCells > 0) problems.push({ field: null, code: "tooManyCells", params: { count: row.extraCells } });
    return { line: row.line, employeeNo, name, email, departmentId, hiredOn, problems };
  });

  const linesBy = (key: (draft: (typeof drafts)[number]) => string | null) => {
    const lines = new Map<string, number[]>();
    for (const draft of drafts) {
      const value = key(draft);
      if (value) lines.set(value, [...(lines.get(value) ?? []), draft.line]);
    }
    return lines;
  };
  // Every line of a duplicate group is stopped: which of them is right is the admin's call.
  const linesByNo = linesBy((draft) => draft.employeeNo);
  const linesByEmail = linesBy((draft) => draft.email);
  for (const draft of drafts) {
    const sameNo = draft.employeeNo ? (linesByNo.get(draft.employeeNo) ?? []) : [];
    if (sameNo.length > 1) {
      draft.problems.push({ field: "employeeNo", code: "duplicateEmployeeNoInFile", params: { value: draft.employeeNo ?? "", lines: otherLines(sameNo, draft.line) } });
    }
    const sameEmail = draft.email ? (linesByEmail.get(draft.email) ?? []) : [];
    if (sameEmail.length > 1) {
      draft.problems.push({ field: "email", code: "duplicateEmailInFile", params: { value: draft.email ?? "", lines: otherLines(sameEmail, draft.line) } });
    }
  }

  const people = await loadPeople(tx, [...linesByNo.keys()], [...linesByEmail.keys()]);
  const byNo = new Map(people.filter((person) => person.employeeNo).map((person) => [person.employeeNo as string, person]));
  const byEmail = new Map(people.map((person) => [person.email, person]));

  const rows: PlanRow[] = [];
  const writes: WriteRow[] = [];
  const counts = { rows: drafts.length, create: 0, update: 0, unchanged: 0, error: 0, emptyLines: file.emptyLines };
  for (const draft of drafts) {
    const owner = draft.employeeNo ? byNo.get(draft.employeeNo) : undefined;
    const emailOwner = draft.email ? byEmail.get(draft.email) : undefined;
    if (owner && owner.role !== "employee") {
      draft.problems.push({ field: "employeeNo", code: "employeeNoTaken", params: { value: draft.employeeNo ?? "", name: owner.name } });
    } else if (owner && emailOwner && emailOwner.id !== owner.id) {
      // The e-mail says this row is someone else, who already has another number.
      draft.problems.push({ field: "employeeNo", code: "employeeNoTaken", params: { value: draft.employeeNo ?? "", name: owner.name } });
      draft.problems.push({ field: "email", code: "emailTaken", params: { value: draft.email ?? "", name: emailOwner.name, employeeNo: emailOwner.employeeNo ?? "-" } });
    } else if (!owner && emailOwner) {
      draft.problems.push({ field: "email", code: "emailTaken", params: { value: draft.email ?? "", name: emailOwner.name, employeeNo: emailOwner.employeeNo ?? "-" } });
    }

    const base = { line: draft.line, employeeNo: draft.employeeNo, name: draft.name, email: draft.email };
    if (draft.problems.length > 0 || !draft.employeeNo || !draft.name || !draft.email) {
      counts.error += 1;
      rows.push({ ...base, action: "error", changes: [], problems: draft.problems });
      continue;
    }
    const departmentName = (id: string | null | undefined) => (id ? (departmentById.get(id) ?? null) : null);
    if (!owner) {
      counts.create += 1;
      const department = departmentName(draft.departmentId);
      rows.push({
        ...base,
        action: "create",
        problems: [],
        changes: [
          { field: "name", from: null, to: draft.name },
          { field: "email", from: null, to: draft.email },
          ...(department ? [{ field: "department" as const, from: null, to: department.nameKo, fromEn: null, toEn: department.nameEn }] : []),
          ...(draft.hiredOn ? [{ field: "hiredOn" as const, from: null, to: draft.hiredOn }] : []),
        ],
      });
      writes.push({ line: draft.line, personId: null, employeeNo: draft.employeeNo, name: draft.name, email: draft.email, departmentId: draft.departmentId ?? null, hiredOn: draft.hiredOn ?? null });
      continue;
    }
    // An empty or missing optional cell leaves what is stored alone.
    const next = {
      name: draft.name,
      email: draft.email,
      departmentId: draft.departmentId === undefined ? owner.departmentId : draft.departmentId,
      hiredOn: draft.hiredOn === undefined ? owner.hiredOn : draft.hiredOn,
    };
    const changes: FieldChange[] = [];
    if (next.name !== owner.name) changes.push({ field: "name", from: owner.name, to: next.name });
    if (next.email !== owner.email) changes.push({ field: "email", from: owner.email, to: next.email });
    if (next.departmentId !== owner.departmentId) {
      const from = departmentName(owner.departmentId);
      const to = departmentName(next.departmentId);
      changes.push({ field: "department", from: from?.nameKo ?? null, to: to?.nameKo ?? null, fromEn: from?.nameEn ?? null, toEn: to?.nameEn ?? null });
    }
    if (next.hiredOn !== owner.hiredOn) changes.push({ field: "hiredOn", from: owner.hiredOn, to: next.hiredOn });
    if (changes.length === 0) {
      counts.unchanged += 1;
      continue;
    }
    counts.update += 1;
    rows.push({ ...base, action: "update", changes, problems: [] });
    writes.push({ line: draft.line, personId: owner.id, employeeNo: draft.employeeNo, ...next });
  }

  const fingerprint = createHash("sha256").update(JSON.stringify(writes)).digest("hex");
  return {
    format: file.format,
    encoding: file.encoding,
    fileProblems: file.problems,
    ignoredColumns: file.ignoredColumns,
    counts,
    rows,
    fingerprint,
    writes,
  };
}

const otherLines = (lines: number[], own: number) => lines.filter((line) => line !== own).join(", ");

/** Everyone the file's numbers or e-mails point at, in one query however long the file is. */
async function loadPeople(tx: DbOrTx, employeeNos: string[], emails: string[]): Promise<Person[]> {
  if (employeeNos.length === 0 && emails.length === 0) return [];
  const rows = await tx.execute(sql`
    select id, role, employee_no, email, name, department_id, hired_on::text as hired_on
    from users
    where employee_no in (select jsonb_array_elements_text(${JSON.stringify(employeeNos)}::jsonb))
       or email in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))`);
  return (rows as unknown as Record<string, string | null>[]).map((row) => ({
    id: String(row.id),
    role: String(row.role),
    employeeNo: row.employee_no ?? null,
    email: String(row.email),
    name: String(row.name),
    departmentId: row.department_id ?? null,
    hiredOn: row.hired_on ?? null,
  }));
}
