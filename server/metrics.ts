import client from "prom-client";

/**
 * Prometheus metrics of this process (scraped at /api/metrics, one series set per replica).
 * Kept on globalThis: every route bundle of the same process must count into one registry.
 */
function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "canteen_process_" });
  return {
    registry,
    trpcDuration: new client.Histogram({
      name: "canteen_trpc_request_duration_seconds",
      help: "tRPC request latency by procedure and outcome",
      labelNames: ["procedure", "type", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    payments: new client.Counter({
      name: "canteen_payments_total",
      help: "Kiosk and pay-app payments by outcome (paid, or the refusal's code)",
      labelNames: ["procedure", "outcome"] as const,
      registers: [registry],
    }),
    sseClients: new client.Gauge({
      name: "canteen_sse_clients",
      help: "Open server-sent event streams by stream",
      labelNames: ["stream"] as const,
      registers: [registry],
    }),
    poolMax: new client.Gauge({ name: "canteen_db_pool_max", help: "DB_POOL_MAX of this process", registers: [registry] }),
    poolConnections: new client.Gauge({
      name: "canteen_db_pool_connections",
      help: "This process's pool connections by state (from pg_stat_activity)",
      labelNames: ["state"] as const,
      registers: [registry],
    }),
    listening: new client.Gauge({
      name: "canteen_order_events_listening",
      help: "1 while this process's LISTEN connection for live events (orders, menu) is up",
      registers: [registry],
    }),
    draining: new client.Gauge({ name: "canteen_draining", help: "1 once SIGTERM started the drain", registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof create>;
const KEY = Symbol.for("canteen.metrics");
const holder = globalThis as unknown as Record<symbol, Metrics | undefined>;

export function metrics(): Metrics {
  holder[KEY] ??= create();
  return holder[KEY];
}

/** The tRPC procedures that take money: their outcomes are counted as payments. */
export const PAYMENT_PROCEDURES = new Set([
  "orders.checkout",
  "orders.groupCheckout",
  "orders.pay",
  "card.checkout",
  "card.groupCheckout",
  "orderAhead.place",
  "orderAhead.confirmCard",
  "topUp.confirm",
]);

/** Counts one open stream until the returned function is called (once). */
export function trackSseClient(stream: string): () => void {
  const gauge = metrics().sseClients;
  gauge.inc({ stream });
  let done = false;
  return () => {
    if (done) return;
    done = true;
    gauge.dec({ stream });
  };
}
