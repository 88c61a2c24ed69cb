import { sql } from "drizzle-orm";
import { db } from "@/server/db";
import { requestLogger } from "@/server/log";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  const started = performance.now();
  try {
    await db().execute(sql`select 1`);
    const databaseMs = Math.round(performance.now() - started);
    return Response.json({ status: "ok", database: "ok", databaseMs }, { headers: { "x-request-id": requestId } });
  } catch (error) {
    requestLogger(requestId).error({ err: error }, "health check: database unreachable");
    return Response.json(
      { status: "error", database: "unreachable" },
      { status: 503, headers: { "x-request-id": requestId } },
    );
  }
}
