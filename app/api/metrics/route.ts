import { sql } from "drizzle-orm";
import { db, POOL_APPLICATION_NAME } from "@/server/db";
import { env } from "@/server/env";
import { eventBus } from "@/server/events/event-bus";
import { isDraining } from "@/server/lifecycle";
import { logger } from "@/server/log";
import { metrics } from "@/server/metrics";

export const dynamic = "force-dynamic";

/** Prometheus metrics of this replica (text exposition format). */
export async function GET() {
  const m = metrics();
  m.poolMax.set(env().DB_POOL_MAX);
  m.draining.set(isDraining() ? 1 : 0);
  m.listening.set(eventBus().listening() ? 1 : 0);
  try {
    // postgres.js keeps no public pool counters; the server's own view of our connections does.
    const rows = await db().execute<{ state: string | null; count: number }>(
      sql`select coalesce(state, 'unknown') as state, count(*)::int as count from pg_stat_activity
          where application_name = ${POOL_APPLICATION_NAME} group by 1`,
    );
    m.poolConnections.reset();
    for (const state of ["active", "idle", "idle in transaction"]) m.poolConnections.set({ state }, 0);
    for (const row of rows) m.poolConnections.set({ state: row.state ?? "unknown" }, Number(row.count));
  } catch (error) {
    logger.warn({ err: error }, "metrics: pool usage unavailable");
  }
  return new Response(await m.registry.metrics(), {
    headers: { "content-type": m.registry.contentType, "cache-control": "no-store" },
  });
}
