/**
 * The lunch-rush story's own world: an embedded PostgreSQL (migrated, seeded) and a
 * `next start` of the production build whose business clock is moved to a weekday noon in
 * Seoul by CANTEEN_TEST_CLOCK_OFFSET_MS. The main e2e server keeps real time for the other
 * specs, and .e2e-database (which the fixtures read) is left alone.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { connect } from "../../db/client";
import { startEmbeddedPostgres, type EmbeddedCluster } from "../../db/embedded";
import { runMigrations } from "../../db/migrate";
import { seed } from "../../db/seed";

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const SEOUL_MS = 9 * 3_600_000;

export type StoryServer = {
  baseUrl: string;
  databaseUrl: string;
  /** What to add to the wall clock to get the story's "now". */
  offsetMs: number;
  /** The story's day in Seoul, YYYY-MM-DD. */
  day: string;
  sql: postgres.Sql;
  stop: () => Promise<void>;
};

/**
 * The next weekday (today included) that is not a Korean public holiday, at 12:00 Seoul:
 * inside the 11:00–14:00 lunch window for the whole run, whenever CI runs it.
 */
function storyNoon(holidays: ReadonlySet<string>) {
  const seoulToday = new Date(Date.now() + SEOUL_MS);
  for (let ahead = 0; ahead < 30; ahead++) {
    const day = new Date(Date.UTC(seoulToday.getUTCFullYear(), seoulToday.getUTCMonth(), seoulToday.getUTCDate() + ahead));
    const weekday = day.getUTCDay();
    const iso = day.toISOString().slice(0, 10);
    if (weekday === 0 || weekday === 6 || holidays.has(iso)) continue;
    // 12:00 in Seoul is 03:00 UTC of the same date.
    return { day: iso, noon: day.getTime() + 3 * 3_600_000 };
  }
  throw new Error("no working day in the next 30 days");
}

async function waitForHealth(baseUrl: string, child: ChildProcess) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`story server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health/ready`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`story server on ${baseUrl} not ready in 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function startStoryServer(options: { port: number; pgPort: number }): Promise<StoryServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "canteen-story-"));
  let cluster: EmbeddedCluster | undefined;
  let child: ChildProcess | undefined;
  let sql: postgres.Sql | undefined;
  const stop = async () => {
    await sql?.end({ timeout: 5 });
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: options.pgPort, throwaway: true });
    const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => {} });
    await admin`create database canteen`;
    await admin.end();
    const databaseUrl = cluster.urlFor("canteen");
    await runMigrations(databaseUrl);
    const database = connect(databaseUrl, { max: 2 });
    await seed(database.db);
    await database.close();

    sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
    const holidays = await sql<{ day: string }[]>`select day::text as day from public_holidays`;
    const { day, noon } = storyNoon(new Set(holidays.map((row) => row.day)));
    const offsetMs = noon - Date.now();

    const baseUrl = `http://127.0.0.1:${options.port}`;
    child = spawn(process.execPath, [nextBin, "start", "-p", String(options.port), "-H", "127.0.0.1"], {
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: "story-secret-story-secret-story-secret-01",
        LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
        CANTEEN_TEST_CLOCK_OFFSET_MS: String(offsetMs),
        CARD_SANDBOX_DELAY_MS: "800",
        CARD_SANDBOX_TIMEOUT_MS: "2500",
        PG_SANDBOX_URL: baseUrl,
        PG_SANDBOX_TIMEOUT_MS: "1500",
        PG_SANDBOX_WEBHOOK_RETRY_MS: "200",
        // The story's own push endpoint listens on 127.0.0.1.
        PUSH_ALLOW_LOOPBACK: "1",
      },
    });
    await waitForHealth(baseUrl, child);
    return { baseUrl, databaseUrl, offsetMs, day, sql, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

