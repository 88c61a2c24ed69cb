/**
 * `npm run bench:pay [-- --kiosks 32 --seconds 20 --warmup 3 --employees N --pool 20 --replicas 2]`:
 * N virtual kiosks each sell a 4,500원 drink paid 3,000원 by voucher + 1,500원 from the
 * wallet, over HTTP through tRPC against `next start` of the production build, then (with
 * --replicas R > 1) the same load spread round-robin over R servers on the same database, as
 * a load balancer would, then the same workload calling checkoutOnce directly; then
 * verifyLedger. Prints figures side by side; exits non-zero only if the ledger is not clean.
 */
import os from "node:os";
import { connect } from "../db/client";
import { DomainError } from "../server/domain/errors";
import { verifyLedger } from "../server/domain/ledger/verify";
import { checkoutOnce } from "../server/domain/payments/checkout";
import {
  BARISTA_EMAIL,
  cleanUp,
  createBenchPayers,
  describeCpu,
  ensureProductionBuild,
  freePort,
  loadShop,
  newAuthSecret,
  onCleanup,
  parseFlags,
  postCheckout,
  printFigures,
  printLedgerReport,
  probeCheckoutRoute,
  runKiosks,
  sampleCpu,
  signIn,
  sleep,
  startServer,
  startThrowawayDatabase,
  killServer,
  processTitle,
  type LoadResult,
  type Outcome,
} from "./bench-lib";

const TARGET = { rate: 400, p99Ms: 100 };

const flags = parseFlags({ kiosks: 32, seconds: 20, warmup: 3, employees: 0, pool: 20, port: 3200, replicas: 1 });
const kiosks = Math.floor(flags.kiosks);
const replicas = Math.max(1, Math.min(8, Math.floor(flags.replicas)));
// Each employee pays at most once per phase; sized for the target rate with a quarter to spare,
// so a run that reaches it does not run dry (running dry is reported: the rate is then a lower bound).
const employeesPerPhase =
  Math.floor(flags.employees) || Math.max(kiosks * 20, Math.ceil(TARGET.rate * 1.25 * (flags.seconds + flags.warmup)));

let ledgerClean = false;
try {
  console.log(`bench:pay — ${kiosks} kiosks, ${flags.seconds} s measured after ${flags.warmup} s warm-up, DB_POOL_MAX=${flags.pool}`);
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((value) => value.toFixed(2)).join(" ")} at start`);
  ensureProductionBuild();

  let clock = performance.now();
  const { url, dataDir, database } = await startThrowawayDatabase();
  const shop = await loadShop(database.db);
  console.log(`database: throwaway embedded PostgreSQL, migrated and seeded in ${((performance.now() - clock) / 1000).toFixed(1)} s`);

  clock = performance.now();
  const now = new Date();
  const httpPayers = await createBenchPayers(database.db, shop, { first: 1, count: employeesPerPhase, now });
  const directPayers = await createBenchPayers(database.db, shop, { first: employeesPerPhase + 1, count: employeesPerPhase, now });
  const replicaPayers =
    replicas > 1 ? await createBenchPayers(database.db, shop, { first: 2 * employeesPerPhase + 1, count: employeesPerPhase, now }) : [];
  const phases = replicas > 1 ? 3 : 2;
  console.log(
    `fixtures: ${employeesPerPhase * phases} bench employees (${employeesPerPhase} per phase, ${Math.floor(employeesPerPhase / kiosks)} per kiosk), ` +
      `each with a pay device, a 3,000원 voucher and 10,000원 in the wallet, then ANALYZE, in ${((performance.now() - clock) / 1000).toFixed(1)} s`,
  );

  // ---- HTTP: next start + tRPC -----------------------------------------------------------
  const port = await freePort(flags.port);
  clock = performance.now();
  const serverSecret = newAuthSecret();
  const server = await startServer({ databaseUrl: url, port, poolMax: flags.pool, authSecret: serverSecret });
  console.log(`server: ${processTitle(server.pid)} (pid ${server.pid}) on ${server.baseUrl}, healthy after ${((performance.now() - clock) / 1000).toFixed(1)} s`);
  const cookie = await signIn(server.baseUrl, BARISTA_EMAIL);
  console.log(`signed in as ${BARISTA_EMAIL}`);

  const cpuGroups = [
    { label: "bench client", pids: [process.pid] },
    { label: "next-server", pids: [server.pid] },
    { label: "postgres", pids: "postgres" as const, dataDir },
  ];
  const measureCpu = async (groups: Parameters<typeof sampleCpu>[0], warmupSeconds: number, seconds: number) => {
    await sleep(warmupSeconds * 1000);
    const before = sampleCpu(groups);
    await sleep(seconds * 1000);
    return describeCpu(before, sampleCpu(groups), groups);
  };

  const client = { baseUrl: server.baseUrl, cookie, timeoutMs: 30_000 };
  await probeCheckoutRoute(client);
  const httpCpu = measureCpu(cpuGroups, flags.warmup, flags.seconds);
  const http = await runKiosks({
    kiosks,
    payers: httpPayers,
    warmupSeconds: flags.warmup,
    seconds: flags.seconds,
    line: shop.line,
    pay: (request) => postCheckout(client, request),
  });
  const httpFigures = printFigures(`HTTP: POST /api/trpc/orders.checkout (${kiosks} kiosks, next start, DB_POOL_MAX=${flags.pool})`, http);
  console.log(`  ${await httpCpu}`);

  // ---- HTTP across R replicas: the same load, round-robin over R servers on one database ----
  let replicaFigures: ReturnType<typeof printFigures> | null = null;
  if (replicas > 1) {
    const others = [];
    for (let n = 1; n < replicas; n++) {
      const otherPort = await freePort(port + n);
      others.push(await startServer({ databaseUrl: url, port: otherPort, poolMax: flags.pool, authSecret: serverSecret }));
    }
    const servers = [server, ...others];
    console.log(`\nreplicas: ${servers.map((s) => `${s.baseUrl} (pid ${s.pid})`).join(", ")}, each with DB_POOL_MAX=${flags.pool}`);
    const clients = servers.map((s) => ({ baseUrl: s.baseUrl, cookie, timeoutMs: 30_000 }));
    for (const c of clients) await probeCheckoutRoute(c);
    let turn = 0;
    const replicaCpu = measureCpu(
      [{ label: "bench client", pids: [process.pid] }, ...servers.map((s, index) => ({ label: `server ${index + 1}`, pids: [s.pid] })), cpuGroups[2]!],
      flags.warmup,
      flags.seconds,
    );
    const spread = await runKiosks({
      kiosks,
      payers: replicaPayers,
      warmupSeconds: flags.warmup,
      seconds: flags.seconds,
      line: shop.line,
      pay: (request) => postCheckout(clients[turn++ % clients.length]!, request),
    });
    replicaFigures = printFigures(`HTTP across ${replicas} replicas (${kiosks} kiosks round-robin, DB_POOL_MAX=${flags.pool} each)`, spread);
    console.log(`  ${await replicaCpu}`);
    for (const other of others) await killServer(other, "SIGTERM");
  }
  // The idle server would only blur the direct run's CPU figures.
  await killServer(server, "SIGTERM");

  // ---- Direct: checkoutOnce on a pool of the same size, no HTTP ---------------------------
  const direct = connect(url, { max: flags.pool });
  onCleanup("close the direct run's pool", () => direct.close());
  const pay = async (request: Parameters<typeof postCheckout>[1]): Promise<Outcome> => {
    try {
      const paid = await checkoutOnce(direct.db, {
        scope: shop.baristaId,
        key: request.idempotencyKey,
        input: {
          storeId: shop.storeId,
          lines: [request.line],
          payers: [{ payCode: request.payCode }],
          remainder: { method: "none" },
          actorId: shop.baristaId,
          now: new Date(),
        },
      });
      return { ok: true, orderId: paid.orderId, total: paid.total, tenders: paid.tenders };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error: `${error.code} ${error.messageKey}`, detail: error.message, retryable: false };
      return { ok: false, error: `internal: ${error instanceof Error ? error.message.slice(0, 80) : String(error)}`, detail: String(error), retryable: false };
    }
  };
  const directCpu = measureCpu(cpuGroups.filter((group) => group.label !== "next-server"), flags.warmup, flags.seconds);
  const directResult: LoadResult = await runKiosks({
    kiosks,
    payers: directPayers,
    warmupSeconds: flags.warmup,
    seconds: flags.seconds,
    line: shop.line,
    pay,
  });
  const directFigures = printFigures(`Direct: checkoutOnce in-process (${kiosks} kiosks, pool of ${flags.pool}, no HTTP)`, directResult);
  console.log(`  ${await directCpu}`);

  if (replicaFigures) {
    const row = (label: string, f: typeof httpFigures) =>
      `  ${label.padEnd(22)} ${f.rate.toFixed(1).padStart(8)} ${f.p50.toFixed(0).padStart(7)} ${f.p95.toFixed(0).padStart(7)} ${f.p99.toFixed(0).padStart(7)} ${String(f.errors).padStart(7)}`;
    console.log(`\nside by side (${kiosks} kiosks, ${os.cpus().length} cores shared by every server and PostgreSQL)`);
    console.log(`  ${"".padEnd(22)} ${"pay/s".padStart(8)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"errors".padStart(7)}`);
    console.log(row("1 replica (HTTP)", httpFigures));
    console.log(row(`${replicas} replicas (HTTP)`, replicaFigures));
    console.log(row("direct (no HTTP)", directFigures));
    console.log(`  ${replicas} replicas / 1: throughput ${(replicaFigures.rate / httpFigures.rate).toFixed(2)}×, p99 ${(replicaFigures.p99 / httpFigures.p99).toFixed(2)}×`);
  }

  console.log("\nHTTP / direct");
  console.log(`  throughput   ${(httpFigures.rate / directFigures.rate).toFixed(2)}× (${httpFigures.rate.toFixed(1)} / ${directFigures.rate.toFixed(1)} payments/s)`);
  console.log(`  p50 latency  ${(httpFigures.p50 / directFigures.p50).toFixed(2)}×   p99 ${(httpFigures.p99 / directFigures.p99).toFixed(2)}×`);

  const met = httpFigures.rate >= TARGET.rate && httpFigures.p99 <= TARGET.p99Ms && httpFigures.errors === 0;
  console.log(`\ntarget (HTTP, this ${os.cpus().length}-core machine): ≥ ${TARGET.rate} payments/s with p99 ≤ ${TARGET.p99Ms} ms and zero errors`);
  console.log(
    `  measured: ${httpFigures.rate.toFixed(1)} payments/s, p99 ${httpFigures.p99.toFixed(1)} ms, ${httpFigures.errors} errors → ${met ? "MET" : "NOT MET"}`,
  );

  console.log("\nverifyLedger");
  const report = await verifyLedger(database.db);
  printLedgerReport(report);
  ledgerClean = report.ok;
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
} finally {
  await cleanUp();
}
process.exit(ledgerClean ? 0 : 1);
