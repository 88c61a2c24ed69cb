import { sessionUserFromRequest } from "@/server/auth/request-session";
import { db } from "@/server/db";
import { handleTaxExport } from "@/server/files/report-files";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleTaxExport(request, {
    db: db(),
    session: await sessionUserFromRequest(request),
    requestId: request.headers.get("x-request-id") ?? crypto.randomUUID(),
  });
}
