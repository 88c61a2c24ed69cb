import { sql } from "drizzle-orm";
import { db } from "@/server/db";
import { isDraining } from "@/server/lifecycle";
import { requestLogger } from "@/server/log";

export const dynamic = "force-dynamic";

/**
 * Readiness (Kubernetes sends traffic only while this is 200): not draining, and the
 * database answers. Goes 503 the moment SIGTERM starts the drain.
 */
export async function GET(request: Request) {
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  const headers = { "x-request-id": requestId, "cache-control": "no-store" };
  if (isDraining()) return Response.json({ status: "draining" }, { status: 503, headers });
  try {
    await db().execute(sql`select 1`);
    return Response.json({ status: "ready" }, { headers });
  } catch (error) {
    requestLogger(requestId).error({ err: error }, "readiness: database unreachable");
    return Response.json({ status: "error", database: "unreachable" }, { status: 503, headers });
  }
}
