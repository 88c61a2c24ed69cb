import { sessionUserFromRequest } from "@/server/auth/request-session";
import { db } from "@/server/db";
import { handleEmployeeExport } from "@/server/people/employee-files";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleEmployeeExport(request, {
    db: db(),
    session: await sessionUserFromRequest(request),
    requestId: request.headers.get("x-request-id") ?? crypto.randomUUID(),
  });
}
