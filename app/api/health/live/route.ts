export const dynamic = "force-dynamic";

/**
 * Liveness: the process answers requests. It does not touch the database, so a database
 * outage makes replicas unready rather than restarting them all.
 */
export function GET() {
  return Response.json({ status: "live", uptimeSeconds: Math.round(process.uptime()) }, { headers: { "cache-control": "no-store" } });
}
