import { createHash } from "node:crypto";
import { z } from "zod";
import type { SessionUser } from "@/server/auth/roles";
import { DomainError } from "@/server/domain/errors";
import { confirmImport } from "@/server/domain/people/import/confirm";
import { planImport } from "@/server/domain/people/import/plan";
import { MAX_IMPORT_BYTES, readImportFile } from "@/server/domain/people/import/read-file";
import { json, notHr, refuse, type FileContext } from "@/server/files/hr-files";
import { attachment } from "@/server/files/table-file";
import { employeesCsv, employeesXlsx, exportEmployeeRows } from "@/server/domain/people/export-employees";

export type { FileContext };

/**
 * A multipart upload cannot be forced to JSON like tRPC mutations (server/trpc/csrf.ts), so the
 * page must send a custom header, which a cross-site form cannot without a CORS preflight we never
 * grant, and the origin, when sent, must be ours.
 */
export function uploadRefusal(request: Request, allowedOrigin: string | undefined): string | null {
  if (request.headers.get("x-canteen-upload") !== "1") return "uploads must come from the Canteen page";
  if (request.headers.get("sec-fetch-site") === "cross-site") return "cross-site requests are not allowed";
  const origin = request.headers.get("origin");
  if (origin === null) return null;
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return origin === (allowedOrigin ?? `${proto}://${host}`) ? null : "requests from another origin are not allowed";
}

const importForm = z
  .object({
    mode: z.enum(["preview", "confirm"]),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  })
  .strict();

/** POST /api/admin/employees/import: multipart `file` plus `mode` (preview | confirm) and, to confirm, the preview's `fingerprint`. */
export async function handleEmployeeImport(request: Request, context: FileContext): Promise<Response> {
  const { requestId } = context;
  const refusal = uploadRefusal(request, context.allowedOrigin);
  if (refusal) return json({ error: { code: "FORBIDDEN", message: refusal, messageKey: "forbidden" } }, 403, requestId);
  const denied = notHr(context);
  if (denied) return denied;
  const session = context.session as SessionUser;

  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_IMPORT_BYTES + 64 * 1024) return refuse(413, "PAYLOAD_TOO_LARGE", "employeeImportTooLarge", requestId);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refuse(400, "BAD_REQUEST", "employeeImportNoFile", requestId);
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return refuse(400, "BAD_REQUEST", "employeeImportNoFile", requestId);
  if (file.size > MAX_IMPORT_BYTES) return refuse(413, "PAYLOAD_TOO_LARGE", "employeeImportTooLarge", requestId);
  const fields = importForm.safeParse({ mode: form.get("mode") ?? undefined, fingerprint: form.get("fingerprint") ?? undefined });
  if (!fields.success || (fields.data.mode === "confirm" && !fields.data.fingerprint)) {
    return refuse(400, "BAD_REQUEST", "employeeImportBadRequest", requestId);
  }

  const bytes = new Uint8Array(await file.arrayBuffer());
  const read = await readImportFile({ fileName: file.name, bytes });
  if (fields.data.mode === "preview") {
    const { writes: _writes, ...plan } = await planImport({ tx: context.db, input: read });
    return json({ fileName: file.name, ...plan }, 200, requestId);
  }
  try {
    const result = await context.db.transaction((tx) =>
      confirmImport({
        tx,
        input: {
          file: read,
          fingerprint: fields.data.fingerprint ?? "",
          actorId: session.id,
          fileName: file.name,
          fileSha256: createHash("sha256").update(bytes).digest("hex"),
          requestId,
        },
      }),
    );
    return json(result, 200, requestId);
  } catch (error) {
    if (error instanceof DomainError) return refuse(error.code === "CONFLICT" ? 409 : 400, error.code, error.messageKey, requestId);
    throw error;
  }
}

const exportQuery = z
  .object({
    format: z.enum(["csv", "xlsx"]),
    q: z.string().trim().max(100).optional(),
    department: z.uuid().optional(),
    status: z.enum(["active", "suspended", "left"]).optional(),
    sort: z.enum(["name", "employeeNo", "department", "status"]).default("employeeNo"),
    dir: z.enum(["asc", "desc"]).default("asc"),
    lang: z.enum(["ko", "en"]).default("ko"),
  })
  .strict();

/** GET /api/admin/employees/export?format=csv|xlsx plus the table's filters: the whole filtered table as a file. */
export async function handleEmployeeExport(request: Request, context: FileContext): Promise<Response> {
  const denied = notHr(context);
  if (denied) return denied;
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ""));
  const query = exportQuery.safeParse(params);
  if (!query.success) return refuse(400, "BAD_REQUEST", "employeeExportBadRequest", context.requestId);
  const { format, q, department, status, sort, dir, lang } = query.data;
  const rows = await exportEmployeeRows({ tx: context.db, input: { search: q, departmentId: department, status, sort, direction: dir } });
  const stamp = new Date().toISOString().slice(0, 10);
  const body = format === "csv" ? employeesCsv(rows, lang) : await employeesXlsx(rows, lang);
  return attachment(body, format, `employees-${stamp}.${format}`, context.requestId);
}
