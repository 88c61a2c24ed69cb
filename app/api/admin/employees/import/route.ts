import { sessionUserFromRequest } from "@/server/auth/request-session";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { handleEmployeeImport } from "@/server/people/employee-files";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const appUrl = env().APP_URL;
  return handleEmployeeImport(request, {
    db: db(),
    session: await sessionUserFromRequest(request),
    requestId: request.headers.get("x-request-id") ?? crypto.randomUUID(),
    allowedOrigin: appUrl ? new URL(appUrl).origin : undefined,
  });
}
