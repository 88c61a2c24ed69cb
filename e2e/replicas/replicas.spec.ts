import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { connect, type Database } from "../../db/client";
import {
  BARISTA_EMAIL,
  createBenchPayers,
  loadShop,
  newIdempotencyKey,
  payCodeOf,
  signIn,
  type BenchPayer,
  type Shop,
} from "../../scripts/bench-lib";
import { E2E_DATABASE_FILE } from "../database-file";
import { openStream, startReplica, type Replica } from "./replica";

/**
 * Two (then three) production servers on one PostgreSQL: the e2e server (`next start`, port
 * E2E_PORT) is replica A; scripts/serve.ts on other ports are B and C.
 */
test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

const PORT_B = Number(process.env.E2E_PORT ?? 3100) + 1;
const PORT_C = Number(process.env.E2E_PORT ?? 3100) + 2;

let database: Database;
let shop: Shop;
let replicaB: Replica;
let cookie: string;
let nextPayer = 0;
let payers: BenchPayer[] = [];

type Paid = { ok: true; orderId: string } | { ok: false; status: number | null; code: string | null; body: string };

/** One kiosk checkout over HTTP; network failures come back with their code, never thrown. */
async function checkout(baseUrl: string, payer: BenchPayer, key = newIdempotencyKey(), code?: string): Promise<Paid> {
  const payCode = code ?? (await payCodeOf(payer));
  try {
    const response = await fetch(`${baseUrl}/api/trpc/orders.checkout`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: baseUrl, cookie },
      body: JSON.stringify({ json: { idempotencyKey: key, lines: [shop.line], payCode, remainder: { method: "none" } } }),
      signal: AbortSignal.timeout(20_000),
    });
    const body = await response.text();
    if (response.status === 200) {
      const orderId = (JSON.parse(body) as { result: { data: { json: { orderId: string } } } }).result.data.json.orderId;
      return { ok: true, orderId };
    }
    return { ok: false, status: response.status, code: null, body: body.slice(0, 200) };
  } catch (error) {
    let code: string | null = null;
    for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
      if (typeof current === "object" && "code" in current && typeof current.code === "string") code = current.code;
      current = current instanceof Error ? current.cause : null;
    }
    return { ok: false, status: null, code: code ?? (error instanceof Error ? error.message : String(error)), body: "" };
  }
}

const payer = () => {
  const next = payers[nextPayer++];
  if (!next) throw new Error("out of bench payers");
  return next;
};

test.beforeAll(async ({ baseURL }) => {
  database = connect(readFileSync(E2E_DATABASE_FILE, "utf8").trim(), { max: 2 });
  shop = await loadShop(database.db);
  // Employees of their own (bench-N@…), each with a phone, a voucher and wallet money; a block
  // of numbers of its own per attempt, so a retried run does not collide with the first.
  const first = 1_000_000 + Math.floor(Math.random() * 1_000) * 1_000;
  payers = await createBenchPayers(database.db, shop, { first, count: 800, now: new Date() });
  cookie = await signIn(baseURL ?? "", BARISTA_EMAIL);
  replicaB = await startReplica(PORT_B);
});

test.afterAll(async () => {
  await replicaB?.stop();
  await database?.close();
});

test("an order paid through replica A appears on a stream opened on replica B within a second", async ({ baseURL }) => {
  const display = await openStream(`${replicaB.baseUrl}/api/events/orders?store=hq-cafe`);
  await display.waitFor(() => display.messages.find((m) => m.event === "ready"));
  for (let i = 0; i < 3; i++) {
    const paid = await checkout(baseURL ?? "", payer());
    const answered = performance.now();
    if (!paid.ok) throw new Error(`payment failed: ${JSON.stringify(paid)}`);
    const seen = await display.waitFor(() => display.orders().find((o) => o.orderId === paid.orderId), 1_000);
    expect(seen.status).toBe("paid");
    expect(seen.id).toBeGreaterThan(0);
    expect(seen.at - answered).toBeLessThan(1_000);
  }
  // The other way round too: paid on B, seen on A.
  const onA = await openStream(`${baseURL}/api/events/orders?store=hq-cafe`);
  await onA.waitFor(() => onA.messages.find((m) => m.event === "ready"));
  const paid = await checkout(replicaB.baseUrl, payer());
  expect(paid.ok).toBe(true);
  if (paid.ok) await onA.waitFor(() => onA.orders().find((o) => o.orderId === paid.orderId), 1_000);
  // Replica B's metrics count the stream it serves and the payment it took.
  const metrics = await (await fetch(`${replicaB.baseUrl}/api/metrics`)).text();
  expect(metrics).toMatch(/canteen_trpc_request_duration_seconds_bucket\{[^}]*procedure="orders.checkout"/);
  expect(metrics).toMatch(/canteen_payments_total\{procedure="orders.checkout",outcome="paid"\} [1-9]/);
  expect(metrics).toMatch(/canteen_sse_clients\{stream="display"\} [1-9]/);
  expect(metrics).toMatch(/canteen_db_pool_connections\{state="(active|idle)"\} [1-9]/);
  expect(metrics).toMatch(/canteen_order_events_listening 1/);
  display.close();
  onA.close();
});

test("a client that reconnects with Last-Event-ID to the other replica receives what it missed, once and in order", async ({ baseURL }) => {
  const first = await openStream(`${replicaB.baseUrl}/api/events/orders?store=hq-cafe`);
  await first.waitFor(() => first.messages.find((m) => m.event === "ready"));
  const before = await checkout(baseURL ?? "", payer());
  if (!before.ok) throw new Error(`payment failed: ${JSON.stringify(before)}`);
  const last = await first.waitFor(() => first.orders().find((o) => o.orderId === before.orderId));
  first.close();

  // Away: three payments, on both replicas.
  const missed: string[] = [];
  for (const target of [baseURL ?? "", replicaB.baseUrl, baseURL ?? ""]) {
    const paid = await checkout(target, payer());
    if (!paid.ok) throw new Error(`payment failed: ${JSON.stringify(paid)}`);
    missed.push(paid.orderId);
  }

  // Back, on replica A this time, with the last id seen on B.
  const resumed = await openStream(`${baseURL}/api/events/orders?store=hq-cafe`, { "last-event-id": String(last.id) });
  await resumed.waitFor(() => missed.every((orderId) => resumed.orders().some((o) => o.orderId === orderId)) || null);
  const live = await checkout(replicaB.baseUrl, payer());
  if (!live.ok) throw new Error(`payment failed: ${JSON.stringify(live)}`);
  await resumed.waitFor(() => resumed.orders().find((o) => o.orderId === live.orderId));

  const received = resumed.orders();
  // Nothing from before the id it resumed after, nothing twice, in commit order; ours among them
  // in the order they were paid (other specs may be selling at the same store meanwhile).
  expect(received.every((o) => o.id > last.id)).toBe(true);
  expect(new Set(received.map((o) => o.id)).size).toBe(received.length);
  expect(received.map((o) => o.id)).toEqual([...received.map((o) => o.id)].sort((x, y) => x - y));
  const ours = received.map((o) => o.orderId).filter((orderId) => [...missed, live.orderId].includes(orderId));
  expect(ours).toEqual([...missed, live.orderId]);
  resumed.close();
});

test("SIGTERM during a stream of payments: readiness goes false, streams are told to reconnect, every payment seen to succeed is committed, no connection is reset", async ({
  baseURL,
}) => {
  // C runs exactly what the container runs: node serve.mjs in the standalone output.
  // Its sandbox card terminal takes 2.5 s: a card sale started just before SIGTERM is in flight through it.
  const replicaC = await startReplica(
    PORT_C,
    { SHUTDOWN_DELAY_MS: "800", SHUTDOWN_TIMEOUT_MS: "10000", CARD_SANDBOX_DELAY_MS: "2500", CARD_SANDBOX_TIMEOUT_MS: "8000" },
    { standalone: true },
  );
  const stream = await openStream(`${replicaC.baseUrl}/api/events/orders?store=hq-cafe`);
  await stream.waitFor(() => stream.messages.find((m) => m.event === "ready"));

  const succeeded: { orderId: string; via: string }[] = [];
  const failures: Paid[] = [];
  let refusedByC = 0;
  let sigtermAt = 0;
  let stop = false;
  // Four kiosks pay through C; when C refuses (503 while draining, or the port is closed) they
  // retry the same payment, same key, on A, as a load balancer's next try would.
  const kiosk = async () => {
    while (!stop && nextPayer < payers.length) {
      const who = payer();
      const key = newIdempotencyKey();
      const code = await payCodeOf(who);
      let result = await checkout(replicaC.baseUrl, who, key, code);
      if (!result.ok && (result.status === 503 || result.code === "ECONNREFUSED")) {
        refusedByC += 1;
        result = await checkout(baseURL ?? "", who, key, code);
        if (result.ok) succeeded.push({ orderId: result.orderId, via: "A" });
      } else if (result.ok) {
        succeeded.push({ orderId: result.orderId, via: "C" });
      }
      if (!result.ok) failures.push(result);
    }
  };
  const kiosks = Promise.all([kiosk(), kiosk(), kiosk(), kiosk()]);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const cardKey = newIdempotencyKey();
  const cardStarted = performance.now();
  const cardSale = fetch(`${replicaC.baseUrl}/api/trpc/card.checkout`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: replicaC.baseUrl, cookie },
    body: JSON.stringify({ json: { idempotencyKey: cardKey, lines: [shop.line] } }),
  }).then(async (response) => ({ status: response.status, body: await response.text(), connection: response.headers.get("connection"), at: performance.now() }));
  await new Promise((resolve) => setTimeout(resolve, 300));
  sigtermAt = performance.now();
  replicaC.child.kill("SIGTERM");

  // Readiness goes false as soon as C has taken the signal (a loaded machine may take a
  // moment to deliver it), while C still serves out its delay.
  await expect
    .poll(
      async () => {
        const ready = await fetch(`${replicaC.baseUrl}/api/health/ready`);
        return { status: ready.status, body: await ready.json().catch(() => null) };
      },
      { timeout: 3_000, intervals: [25, 50, 100] },
    )
    .toEqual({ status: 503, body: { status: "draining" } });
  const live = await fetch(`${replicaC.baseUrl}/api/health/live`);
  expect(live.status).toBe(200);

  // The open stream was told to reconnect, then closed.
  await stream.waitFor(() => stream.messages.find((m) => m.event === "reconnect"), 2_000);
  await stream.waitFor(() => stream.ended(), 2_000);

  // The card sale in flight at SIGTERM finished and was answered, the last on its connection.
  const card = await cardSale;
  expect(card.status, card.body).toBe(200);
  expect(card.at).toBeGreaterThan(sigtermAt);
  expect(card.at - cardStarted).toBeGreaterThan(2_000);
  expect(card.connection).toBe("close");
  const cardOrderId = (JSON.parse(card.body) as { result: { data: { json: { orderId: string } } } }).result.data.json.orderId;
  succeeded.push({ orderId: cardOrderId, via: "C" });

  const exitCode = await replicaC.exited;
  await new Promise((resolve) => setTimeout(resolve, 500));
  stop = true;
  await kiosks;
  expect(exitCode).toBe(0);

  console.log(
    `drain: ${succeeded.filter((s) => s.via === "C").length} paid on C, ${refusedByC} refused by C and paid on A, ${failures.length} failures`,
  );
  expect(failures).toEqual([]);
  expect(refusedByC).toBeGreaterThan(0);
  expect(succeeded.filter((s) => s.via === "C").length).toBeGreaterThan(0);
  expect(succeeded.filter((s) => s.via === "A").length).toBeGreaterThan(0);
  // Every payment a kiosk saw succeed is in the database, paid, with tenders that add up.
  const ids = succeeded.map((s) => s.orderId);
  const rows = await database.sql<{ id: string; status: string; total: string; tendered: string }[]>`
    select o.id, o.status, o.total::text as total,
      (select coalesce(sum(t.amount), 0)::text from payment_tenders t where t.order_id = o.id) as tendered
    from orders o where o.id = any(${ids}::uuid[])`;
  expect(rows).toHaveLength(ids.length);
  for (const row of rows) {
    expect(row.status).toBe("paid");
    expect(row.tendered).toBe(row.total);
  }
  expect(sigtermAt).toBeGreaterThan(0);
});
