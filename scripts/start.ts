/**
 * `npm start`: one command from a fresh clone to a running Canteen. Starts the embedded
 * PostgreSQL unless DATABASE_URL is set, applies migrations, seeds an empty database,
 * builds once, then runs the Next.js server and prints where everything lives.
 */
import { createRequire } from "node:module";
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { connect } from "../db/client";
import { runMigrations } from "../db/migrate";
import { isEmpty, seed } from "../db/seed";
import { loadDemoHistory } from "../db/demo-history";
import { DEMO_MANAGER_PIN, DEMO_PASSWORD, demoStaff } from "../db/seed-data";
import { DATA_DIR, localAuthSecret, localDatabase } from "./local-database";
import { checkPortFree, StartProblem } from "./preflight";

/** A known start-up problem is one line with its fix; anything else keeps its stack for a bug report. */
function exitWith(error: unknown): never {
  console.error(error instanceof StartProblem ? `\n  Canteen cannot start: ${error.message}\n` : error);
  process.exit(1);
}

// The server itself, not an npx wrapper: signals then reach the process that holds the port.
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;

await checkPortFree(port, "the web server", `start on another: PORT=${port + 1} npm start`).catch(exitWith);
const database = await localDatabase().catch(exitWith);
let server: ReturnType<typeof spawn> | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server?.once("exit", resolve));
  }
  await database.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  await runMigrations(database.url);
  const { db, close } = connect(database.url, { max: 2 });
  if (await isEmpty(db)) {
    console.log("empty database: loading demo data…");
    await seed(db);
    console.log("and a month of demo purchases, so history and reports have something to show (a minute or two, once)…");
    const history = await loadDemoHistory(db, {
      now: new Date(),
      onProgress: (day, orders) => process.stdout.write(`\r  ${day}: ${orders} orders`),
    });
    process.stdout.write(`\r  ${history.orders} orders over ${history.days} working days, ${history.grants} meal vouchers\n`);
  }
  await close();

  const childEnv = { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: localAuthSecret(), PORT: String(port) };
  if (!dev && !existsSync(".next/BUILD_ID")) {
    console.log("no production build yet: running next build (once)…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...childEnv, NODE_ENV: "production" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  // Production runs our own server entry (the one the container runs): it drains on Ctrl+C
  // instead of cutting off a payment in flight.
  server = dev
    ? spawn(process.execPath, [nextBin, "dev", "-p", String(port)], { stdio: "inherit", env: childEnv })
    : spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], { stdio: "inherit", env: { ...childEnv, NODE_ENV: "production" } });
  server.once("exit", (code) => void shutdown(code ?? 1));
  await waitForHealth(`http://127.0.0.1:${port}/api/health`);
  printWelcome();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
}

async function waitForHealth(url: string) {
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server did not become healthy at ${url}`);
}

function printWelcome() {
  const staff = (role: string) => demoStaff.filter((s) => s.role === role).map((s) => s.email).join(", ");
  console.log(`
  Canteen is running${database.embedded ? ` on the embedded PostgreSQL (${DATA_DIR.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), DATA_DIR) : DATA_DIR})` : ""}.

    kiosk  ${appUrl}/kiosk   sign in as ${staff("barista")}
    pay    ${appUrl}/pay     sign in as employee01@canteen.dev … employee50@canteen.dev
    admin  ${appUrl}/admin   sign in as ${staff("hr_admin")} (HR) or ${staff("store_manager")} (store manager)

    every demo password: ${DEMO_PASSWORD}
    manager PIN (approves refunds on the kiosk): ${DEMO_MANAGER_PIN}
    health ${appUrl}/api/health        stop with Ctrl+C
`);
}
