/**
 * The server Playwright tests run against: `next start` of the production build on a
 * throwaway embedded PostgreSQL, migrated and seeded. Writes the database URL to
 * .e2e-database so specs can arrange data the UI does not offer yet.
 */
import { createRequire } from "node:module";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { connect } from "../db/client";
import { startEmbeddedPostgres } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import { seed } from "../db/seed";
import { loadDemoHistory } from "../db/demo-history";
import { E2E_DATABASE_FILE } from "./database-file";

// The server itself, not an npx wrapper: signals then reach the process that holds the port.
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

const port = Number(process.env.E2E_PORT ?? 3100);
const dir = mkdtempSync(path.join(os.tmpdir(), "canteen-e2e-"));
const cluster = await startEmbeddedPostgres({
  dataDir: path.join(dir, "pg"),
  port: 57000 + Math.floor(Math.random() * 2000),
  throwaway: true,
});
const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => {} });
await admin`create database canteen`;
await admin.end();
const url = cluster.urlFor("canteen");
await runMigrations(url);
const database = connect(url, { max: 2 });
await seed(database.db);
// `npm run screenshots` wants the product as a newcomer first sees it: a month of purchases.
if (process.env.E2E_DEMO_HISTORY === "1") await loadDemoHistory(database.db, { now: new Date() });
await database.close();
writeFileSync(E2E_DATABASE_FILE, url);

const server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: url,
    AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123",
    LOG_LEVEL: "warn",
    // The sandbox card terminal: a shorter wait for the card, and a time-out e2e can sit through.
    CARD_SANDBOX_DELAY_MS: "800",
    CARD_SANDBOX_TIMEOUT_MS: "2500",
    // The sandbox PG is this server itself; its "time-out" choice waits 1.5 s, and its webhooks retry fast.
    PG_SANDBOX_URL: `http://127.0.0.1:${port}`,
    PG_SANDBOX_TIMEOUT_MS: "1500",
    PG_SANDBOX_WEBHOOK_RETRY_MS: "200",
    // Web Push to the specs' own push endpoint on 127.0.0.1 (e2e/pay/order-ahead.spec.ts).
    PUSH_ALLOW_LOOPBACK: "1",
  },
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  if (server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(E2E_DATABASE_FILE, { force: true });
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
server.once("exit", () => void stop());
