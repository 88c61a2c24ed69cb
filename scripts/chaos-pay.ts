/**
 * `npm run chaos:pay [-- --kiosks 16 --seconds 20 --kill-after 6 --retries 40]`: the
 * bench's HTTP load, with the next-server process SIGKILLed part-way and restarted. Kiosks
 * retry a network error or 5xx with the same idempotency key and pay code. Afterwards the
 * database must show every acknowledged payment exactly once and fully tendered, nothing
 * charged twice, and a clean ledger; exits non-zero otherwise.
 */
import { sql as raw } from "drizzle-orm";
import { verifyLedger } from "../server/domain/ledger/verify";
import {
  BARISTA_EMAIL,
  cleanUp,
  createBenchPayers,
  ensureProductionBuild,
  freePort,
  killServer,
  loadShop,
  newAuthSecret,
  onCleanup,
  parseFlags,
  portClosed,
  postCheckout,
  printFigures,
  printLedgerReport,
  probeCheckoutRoute,
  processTitle,
  runKiosks,
  signIn,
  sleep,
  spawnServer,
  startThrowawayDatabase,
  waitForHealth,
  type AppServer,
  type CheckoutRequest,
  type Outcome,
} from "./bench-lib";

const flags = parseFlags({ kiosks: 16, seconds: 20, warmup: 2, "kill-after": 6, retries: 40, employees: 0, pool: 20, port: 3200 });
const kiosks = Math.floor(flags.kiosks);
const maxRetries = Math.floor(flags.retries);
// Each employee pays once; sized for 400 payments/s (the bench's target) with a quarter to spare.
const employees = Math.floor(flags.employees) || Math.max(kiosks * 20, Math.ceil(500 * (flags.seconds + flags.warmup)));

type Acknowledged = { key: string; orderId: string; total: bigint; employeeId: string };
const acknowledged = new Map<string, Acknowledged>();
const refused: { key: string; employeeId: string; error: string }[] = [];
const gaveUp: { key: string; employeeId: string; error: string }[] = [];
const retriesByReason = new Map<string, number>();
const inFlight = new Set<string>();
let retries = 0;

const failures: string[] = [];
const verdict = (ok: boolean, line: string) => {
  console.log(`  ${ok ? "ok  " : "FAIL"} ${line}`);
  if (!ok) failures.push(line);
};

// Same key, same pay code, same body: exactly what a kiosk on flaky Wi-Fi would resend.
async function payWithRetries(client: { baseUrl: string; cookie: string; timeoutMs: number }, request: CheckoutRequest): Promise<Outcome> {
  for (let attempt = 0; ; attempt++) {
    inFlight.add(request.idempotencyKey);
    const outcome = await postCheckout(client, request);
    inFlight.delete(request.idempotencyKey);
    if (outcome.ok) {
      acknowledged.set(request.idempotencyKey, {
        key: request.idempotencyKey,
        orderId: outcome.orderId,
        total: outcome.total,
        employeeId: request.payer.employeeId,
      });
      return outcome;
    }
    const record = { key: request.idempotencyKey, employeeId: request.payer.employeeId, error: outcome.error };
    if (!outcome.retryable) {
      refused.push(record);
      return outcome;
    }
    if (attempt >= maxRetries) {
      gaveUp.push(record);
      return outcome;
    }
    retries++;
    retriesByReason.set(outcome.error, (retriesByReason.get(outcome.error) ?? 0) + 1);
    // Exponential backoff with jitter, capped, so a restarting server is not hammered in lockstep.
    await sleep(Math.min(50 * 2 ** attempt, 1_000) * (0.5 + Math.random()));
  }
}

try {
  console.log(
    `chaos:pay — ${kiosks} kiosks for ${flags.warmup + flags.seconds} s; next-server SIGKILLed ${flags["kill-after"]} s in, then restarted; ` +
      `up to ${maxRetries} retries per payment`,
  );
  ensureProductionBuild();
  const { url, database } = await startThrowawayDatabase();
  const shop = await loadShop(database.db);
  let clock = performance.now();
  const payers = await createBenchPayers(database.db, shop, { first: 1, count: employees, now: new Date() });
  console.log(`fixtures: ${employees} bench employees (${Math.floor(employees / kiosks)} per kiosk) in ${((performance.now() - clock) / 1000).toFixed(1)} s`);

  const serverOptions = { databaseUrl: url, port: await freePort(flags.port), poolMax: flags.pool, authSecret: newAuthSecret() };
  let server: AppServer = spawnServer(serverOptions);
  onCleanup("stop next start", () => killServer(server, "SIGTERM"));
  await waitForHealth(server);
  console.log(`server: ${processTitle(server.pid)} (pid ${server.pid}) on ${server.baseUrl}, DB_POOL_MAX=${flags.pool}`);
  const client = { baseUrl: server.baseUrl, cookie: await signIn(server.baseUrl, BARISTA_EMAIL), timeoutMs: 15_000 };
  await probeCheckoutRoute(client);

  const chaos = {
    inFlightAtKill: 0,
    keysInFlightAtKill: [] as string[],
    killedAtWall: new Date(0),
    killedPid: 0,
    killedTitle: "",
    portFreed: false,
    downtimeMs: Number.NaN,
    firstSuccessAfterKillMs: Number.NaN,
  };
  let killedAt = Number.POSITIVE_INFINITY;
  const load = runKiosks({
    kiosks,
    payers,
    warmupSeconds: flags.warmup,
    seconds: flags.seconds,
    line: shop.line,
    pay: (request) => payWithRetries(client, request),
    onOutcome: (_request, outcome) => {
      const since = performance.now() - killedAt;
      if (outcome.ok && since > 0 && Number.isNaN(chaos.firstSuccessAfterKillMs)) chaos.firstSuccessAfterKillMs = since;
    },
  });
  const killAndRestart = (async () => {
    await sleep(flags["kill-after"] * 1000);
    chaos.killedPid = server.pid;
    chaos.killedTitle = processTitle(server.pid);
    chaos.keysInFlightAtKill = [...inFlight];
    chaos.inFlightAtKill = inFlight.size;
    chaos.killedAtWall = new Date();
    killedAt = performance.now();
    await killServer(server, "SIGKILL");
    chaos.portFreed = await portClosed(server.port);
    console.log(
      `\n  SIGKILL → pid ${chaos.killedPid} "${chaos.killedTitle}" with ${chaos.inFlightAtKill} requests in flight; ` +
        `port ${server.port} ${chaos.portFreed ? "closed" : "STILL LISTENING"}; restarting`,
    );
    server = spawnServer(serverOptions);
    await waitForHealth(server);
    chaos.downtimeMs = performance.now() - killedAt;
    console.log(`  restarted: ${processTitle(server.pid)} (pid ${server.pid}) healthy ${(chaos.downtimeMs / 1000).toFixed(2)} s after the kill\n`);
  })();
  const [result] = await Promise.all([load, killAndRestart]);
  printFigures(`HTTP with a SIGKILL of next-server (${kiosks} kiosks; latency includes retries)`, result);

  console.log("\nchaos");
  console.log(`  requests in flight at the kill   ${chaos.inFlightAtKill}`);
  console.log(`  downtime (kill → /api/health 200) ${(chaos.downtimeMs / 1000).toFixed(2)} s; first payment acknowledged ${(chaos.firstSuccessAfterKillMs / 1000).toFixed(2)} s after the kill`);
  console.log(`  retries                          ${retries}`);
  for (const [reason, count] of [...retriesByReason].sort((a, b) => b[1] - a[1])) console.log(`    ${String(count).padStart(6)} × ${reason}`);
  console.log(`  payments acknowledged            ${acknowledged.size}`);
  console.log(`  refused (definite 4xx)           ${refused.length}`);
  console.log(`  gave up after ${maxRetries} retries        ${gaveUp.length}`);

  // ---- What the database says -------------------------------------------------------
  console.log("\nchecks against the database");
  const db = database.db;
  const rows = async <Row extends Record<string, unknown>>(query: ReturnType<typeof raw>) => (await db.execute(query)) as unknown as Row[];
  const count = async (query: ReturnType<typeof raw>) => Number((await rows<{ n: string }>(query))[0]?.n ?? Number.NaN);
  const uuidArray = (ids: string[]) => raw`${`{${ids.join(",")}}`}::uuid[]`;

  const acks = [...acknowledged.values()];
  verdict(chaos.killedPid > 0 && chaos.killedTitle.startsWith("next-server"), `the killed process (pid ${chaos.killedPid}) was the next-server itself: "${chaos.killedTitle}"`);
  verdict(chaos.portFreed, `no orphan kept port ${serverOptions.port} open after the SIGKILL`);

  const found = await rows<{ id: string; status: string; total: string; tendered: string }>(raw`
    select o.id::text as id, o.status::text as status, o.total::text as total,
           coalesce((select sum(p.amount) from payment_tenders p where p.order_id = o.id), 0)::text as tendered
    from orders o where o.id = any(${uuidArray(acks.map((ack) => ack.orderId))})`);
  const byId = new Map(found.map((row) => [row.id, row]));
  const missing = acks.filter((ack) => !byId.has(ack.orderId)).length;
  const notPaid = found.filter((row) => row.status !== "paid").length;
  const underTendered = found.filter((row) => row.tendered !== row.total).length;
  const wrongTotal = acks.filter((ack) => {
    const row = byId.get(ack.orderId);
    return row !== undefined && BigInt(row.total) !== ack.total;
  }).length;
  verdict(
    missing + notPaid + underTendered + wrongTotal === 0,
    `checked ${acks.length} acknowledged payments: ${missing} missing, ${notPaid} not paid, ${underTendered} whose tenders ≠ total, ${wrongTotal} whose total ≠ what the kiosk was told`,
  );

  const stored = await rows<{ key: string; order_id: string | null }>(raw`
    select key, response->'json'->>'orderId' as order_id from idempotency_keys
    where procedure = 'orders.checkout' and scope = ${shop.baristaId} and key = any(${`{${acks.map((ack) => ack.key).join(",")}}`}::text[])`);
  const storedByKey = new Map(stored.map((row) => [row.key, row.order_id]));
  const keyMismatch = acks.filter((ack) => storedByKey.get(ack.key) !== ack.orderId).length;
  verdict(keyMismatch === 0, `each acknowledged idempotency key stores the order the kiosk was told (${keyMismatch} differ)`);

  const pendingWithTenders = await count(raw`
    select count(*)::text as n from orders o
    where o.status = 'pending_payment' and exists (select 1 from payment_tenders p where p.order_id = o.id)`);
  const paidWithoutTenders = await count(raw`
    select count(*)::text as n from orders o
    where o.status not in ('pending_payment', 'canceled') and o.total > 0
      and not exists (select 1 from payment_tenders p where p.order_id = o.id)`);
  const pending = await count(raw`select count(*)::text as n from orders where status = 'pending_payment'`);
  verdict(pendingWithTenders === 0, `no order is pending_payment with tenders (${pendingWithTenders}; ${pending} pending orders in all)`);
  verdict(paidWithoutTenders === 0, `no order is paid without tenders (${paidWithoutTenders})`);

  const transfersWithoutTender = await count(raw`
    select count(*)::text as n from ledger_transfers t
    where t.kind = 'payment' and not exists (select 1 from payment_tenders p where p.transfer_id = t.id)`);
  verdict(transfersWithoutTender === 0, `no payment transfer lacks its tender (${transfersWithoutTender})`);

  const orders = await count(raw`select count(*)::text as n from orders`);
  const keys = await count(raw`select count(*)::text as n from idempotency_keys where procedure = 'orders.checkout'`);
  const ordersWithoutKey = await count(raw`
    select count(*)::text as n from orders o
    where not exists (select 1 from idempotency_keys k
                      where k.procedure = 'orders.checkout' and (k.response->'json'->>'orderId')::uuid = o.id)`);
  const keysSharingOrder = await count(raw`
    select count(*)::text as n from (
      select response->'json'->>'orderId' from idempotency_keys where procedure = 'orders.checkout'
      group by 1 having count(*) > 1) shared`);
  const keysWithoutOrder = await count(raw`
    select count(*)::text as n from idempotency_keys k
    where k.procedure = 'orders.checkout'
      and not exists (select 1 from orders o where o.id = (k.response->'json'->>'orderId')::uuid)`);
  verdict(
    ordersWithoutKey + keysSharingOrder + keysWithoutOrder === 0 && orders === keys,
    `one order per idempotency key: ${orders} orders, ${keys} keys; ${ordersWithoutKey} orders no key accounts for, ` +
      `${keysSharingOrder} orders claimed by two keys, ${keysWithoutOrder} keys whose order is missing`,
  );
  const payersChargedTwice = await count(raw`
    select count(*)::text as n from (select payer_id from orders where payer_id is not null group by payer_id having count(*) > 1) twice`);
  verdict(payersChargedTwice === 0, `no employee was charged twice (each pays once in this run): ${payersChargedTwice} were`);
  const chargedDespiteRefusal = refused.length
    ? await count(raw`select count(*)::text as n from orders where payer_id = any(${uuidArray(refused.map((entry) => entry.employeeId))})`)
    : 0;
  verdict(chargedDespiteRefusal === 0, `no employee whose payment was refused (${refused.length}) was charged anyway: ${chargedDespiteRefusal} were`);
  const unknownOutcome = gaveUp.length
    ? await count(raw`select count(*)::text as n from orders where payer_id = any(${uuidArray(gaveUp.map((entry) => entry.employeeId))})`)
    : 0;
  if (gaveUp.length) console.log(`  info of the ${gaveUp.length} payments given up on, ${unknownOutcome} had in fact been charged (the kiosk never learned it)`);

  const inFlightAcks = chaos.keysInFlightAtKill.flatMap((key) => {
    const ack = acknowledged.get(key);
    return ack ? [ack.orderId] : [];
  });
  const committedBeforeKill = inFlightAcks.length
    ? await count(raw`select count(*)::text as n from orders where id = any(${uuidArray(inFlightAcks)}) and created_at < ${chaos.killedAtWall.toISOString()}::timestamptz`)
    : 0;
  console.log(
    `  info of the ${chaos.inFlightAtKill} requests in flight at the kill: ${committedBeforeKill} had committed and were answered from the ` +
      `idempotency store on retry, ${inFlightAcks.length - committedBeforeKill} ran again after the restart, ` +
      `${chaos.inFlightAtKill - inFlightAcks.length} did not succeed`,
  );

  console.log("\nverifyLedger");
  const report = await verifyLedger(db);
  printLedgerReport(report);
  verdict(report.ok, "verifyLedger is clean");

  console.log(failures.length === 0 ? "\nall checks passed" : `\n${failures.length} CHECKS FAILED`);
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  failures.push("the run itself failed");
} finally {
  await cleanUp();
}
process.exit(failures.length === 0 ? 0 : 1);
