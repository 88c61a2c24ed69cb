/**
 * The production server entry: Next.js's request handler on an HTTP server Canteen owns, so a
 * replica can shut down gracefully — `next start` (and the standalone server.js) exit on
 * SIGTERM straight after closing the server, cutting off in-flight payments.
 *
 * On SIGTERM: readiness goes false (/api/health/ready → 503) and event streams are told to
 * reconnect elsewhere; after SHUTDOWN_DELAY_MS new requests are answered 503 with
 * `Connection: close` (never reset); in-flight requests finish (at most SHUTDOWN_TIMEOUT_MS);
 * the listening socket closes; the LISTEN connection and the pool close; exit 0.
 *
 * Run as `tsx scripts/serve.ts` here, and as the esbuild bundle `serve.mjs` in the standalone
 * output inside the container (Dockerfile).
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { serveEnv } from "../server/env";
import { lifecycle, runShutdownHooks, startDrain } from "../server/lifecycle";
import { logger } from "../server/log";

const here = path.dirname(fileURLToPath(import.meta.url));
// Next to .next in the standalone output; in scripts/ of the repository otherwise.
const dir = existsSync(path.join(here, ".next")) ? here : path.resolve(here, "..");
const settings = serveEnv();
const port = settings.PORT ?? 3000;
const log = logger.child({ component: "serve", port });

// The standalone output has no next.config.ts: the build wrote the resolved config here
// (what the standalone server.js inlines).
const requiredFiles = path.join(dir, ".next", "required-server-files.json");
const hasConfigFile = ["next.config.ts", "next.config.js", "next.config.mjs"].some((name) => existsSync(path.join(dir, name)));
if (!hasConfigFile && existsSync(requiredFiles) && !process.env.__NEXT_PRIVATE_STANDALONE_CONFIG) {
  const { config } = JSON.parse(readFileSync(requiredFiles, "utf8")) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}

lifecycle().managedByServer = true;
const app = next({ dev: false, dir, hostname: settings.HOST, port });
const handle = app.getRequestHandler();
await app.prepare();

const inFlight = new Set<http.ServerResponse>();
let refusing = false;
let idle: (() => void) | null = null;

const server = http.createServer((req, res) => {
  const url = req.url ?? "/";
  // Health stays answerable during the drain: readiness reports it, liveness stays true.
  if (refusing && !url.startsWith("/api/health")) {
    res.writeHead(503, { "content-type": "application/json", connection: "close", "retry-after": "1" });
    res.end(JSON.stringify({ error: "this replica is shutting down; retry" }));
    return;
  }
  // One id per request, from the load balancer if it sent one: the app's JSON logs carry it.
  const requestId = typeof req.headers["x-request-id"] === "string" ? req.headers["x-request-id"] : randomUUID();
  req.headers["x-request-id"] = requestId;
  res.setHeader("x-request-id", requestId);
  inFlight.add(res);
  // A request that comes in while draining is the last one on its connection.
  if (lifecycle().draining) res.shouldKeepAlive = false;
  res.once("close", () => {
    inFlight.delete(res);
    if (inFlight.size === 0) idle?.();
  });
  handle(req, res).catch((error: unknown) => {
    log.error({ err: error, url }, "request handler failed");
    if (!res.headersSent) res.writeHead(500).end();
  });
});
server.on("upgrade", (req, socket, head) => void app.getUpgradeHandler()(req, socket, head));
// Longer than a load balancer's idle time-out, so the balancer closes idle connections first.
server.keepAliveTimeout = 65_000;
server.listen(port, settings.HOST, () => log.info({ host: settings.HOST, dir }, "listening"));

let shuttingDown = false;
async function shutdown(signal: NodeJS.Signals) {
  if (shuttingDown) return;
  shuttingDown = true;
  const started = Date.now();
  log.info({ signal, inFlight: inFlight.size }, "draining: readiness false, event streams told to reconnect");
  startDrain();
  // Responses still being made go out with `Connection: close`: no client reuses the socket.
  for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
  if (settings.SHUTDOWN_DELAY_MS > 0) await new Promise((resolve) => setTimeout(resolve, settings.SHUTDOWN_DELAY_MS));
  refusing = true;

  const deadline = started + settings.SHUTDOWN_DELAY_MS + settings.SHUTDOWN_TIMEOUT_MS;
  if (inFlight.size > 0) {
    await new Promise<void>((resolve) => {
      idle = resolve;
      setTimeout(resolve, Math.max(0, deadline - Date.now())).unref();
    });
  }
  if (inFlight.size > 0) log.warn({ inFlight: inFlight.size }, "drain time-out: closing with requests still in flight");
  // Stop accepting; idle keep-alive connections close (Node closes them with the server).
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, 1_000).unref();
  });
  await runShutdownHooks();
  await app.close().catch(() => {});
  log.info({ ms: Date.now() - started }, "drained; exiting");
  process.exit(0);
}

process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
