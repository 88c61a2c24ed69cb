import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { announceMenuChange } from "@/server/domain/menu/events";
import { orderEventsAfter, type OrderEvent } from "@/server/domain/orders/events";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { moneyWorld } from "@/test/money-fixtures";
import { createEventBus, type EventBus, type MenuNotice } from "./bus-core";
import { eventStream } from "./sse";

type World = Awaited<ReturnType<typeof moneyWorld>>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(probe: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(20);
  }
}

/** `id:` and `event:`/`data:` blocks off an SSE body. */
async function readEvents(response: Response, count: number, timeoutMs = 5_000) {
  const reader = response.body?.getReader();
  if (!reader) throw new Error("no body");
  const decoder = new TextDecoder();
  let buffer = "";
  const events: { id: string | null; event: string; data: string }[] = [];
  const deadline = Date.now() + timeoutMs;
  while (events.length < count) {
    const chunk = await Promise.race([reader.read(), sleep(Math.max(1, deadline - Date.now())).then(() => "timeout" as const)]);
    if (chunk === "timeout") throw new Error(`only ${events.length} of ${count} events in time`);
    if (chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.startsWith(":")) continue;
      const field = (name: string) => block.split("\n").find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2) ?? null;
      events.push({ id: field("id"), event: field("event") ?? "message", data: field("data") ?? "" });
    }
  }
  await reader.cancel();
  return events;
}

describe("order events across replicas", () => {
  let database: TestDatabase;
  let world: World;
  let payer: string;
  const buses: EventBus[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    payer = await world.employee(33);
    await world.fund(payer, 200_000n);
  });
  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.stop()));
    await database.close();
  });

  const sellCookie = async () => world.sell({ lines: [await world.line("cookie")], payer: { employeeId: payer } });

  it("numbers events at commit, in commit order, and writes none for a rolled-back change", async () => {
    const before = await orderEventsAfter(database.db, { afterSeq: 0 });
    const first = await sellCookie();
    const second = await sellCookie();
    // A payment that fails after announcing would leave nothing: a transaction that rolls back.
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into order_events (store_id, order_id, payload) values (${world.cafe.id}, gen_random_uuid(), '{}')`);
        throw new Error("roll back");
      })
      .catch(() => null);
    const after = await orderEventsAfter(database.db, { afterSeq: before.at(-1)?.seq ?? 0 });
    expect(after.map((event) => [event.orderId, event.status])).toEqual([
      [first.orderId, "paid"],
      [second.orderId, "paid"],
    ]);
    expect(after[1]!.seq).toBeGreaterThan(after[0]!.seq!);
    const [unnumbered] = await database.sql<{ count: number }[]>`select count(*)::int as count from order_events where seq is null`;
    expect(unnumbered?.count).toBe(0);
  });

  it("commit order holds even when a later-started transaction commits first", async () => {
    const { orderId: slowOrder } = await sellCookie();
    const base = (await orderEventsAfter(database.db, { afterSeq: 0 })).at(-1)?.seq ?? 0;
    // Transaction A writes its event first but commits last.
    let releaseA: () => void = () => {};
    const aHolding = new Promise<void>((resolve) => (releaseA = resolve));
    let aWritten: () => void = () => {};
    const aWrote = new Promise<void>((resolve) => (aWritten = resolve));
    const a = database.db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into order_events (store_id, order_id, payload) values (${world.cafe.id}, ${slowOrder}, ${JSON.stringify({ storeId: world.cafe.id, orderId: slowOrder, pickupNumber: 1, status: "preparing", payerIds: [] })})`,
      );
      aWritten();
      await aHolding;
    });
    await aWrote;
    const b = await sellCookie();
    releaseA();
    await a;
    const events = await orderEventsAfter(database.db, { afterSeq: base });
    expect(events.map((event) => event.orderId)).toEqual([b.orderId, slowOrder]);
  });

  it("a bus re-listens after its connection is killed and delivers what it missed, once and in order", async () => {
    const bus = createEventBus(database.url, { minBackoffMs: 50 });
    buses.push(bus);
    const seen: OrderEvent[] = [];
    await bus.subscribeToOrders((event) => seen.push(event));
    const live = await sellCookie();
    await until(() => seen.find((event) => event.orderId === live.orderId));

    // The database drops the LISTEN connection (as a restart or failover does); payments go on.
    await database.sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'canteen-listen' and datname = current_database()`;
    const missed: string[] = [];
    for (let i = 0; i < 3; i++) missed.push((await sellCookie()).orderId);
    await until(() => missed.every((orderId) => seen.some((event) => event.orderId === orderId)));
    await until(() => bus.listening());
    const after = (await sellCookie()).orderId;
    await until(() => seen.some((event) => event.orderId === after));

    const seqs = seen.map((event) => event.seq ?? 0);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect(seen.map((event) => event.orderId)).toEqual([live.orderId, ...missed, after]);
  });

  it("a stream resumed with Last-Event-ID replays what it missed, then goes on live", async () => {
    const bus = createEventBus(database.url, { minBackoffMs: 50 });
    buses.push(bus);
    const first = await sellCookie();
    const [firstEvent] = (await orderEventsAfter(database.db, { afterSeq: 0, storeId: world.cafe.id })).filter((e) => e.orderId === first.orderId);
    // While the client is away: two more sales.
    const gone = [(await sellCookie()).orderId, (await sellCookie()).orderId];
    const project = (event: OrderEvent) => (event.storeId === world.cafe.id ? { orderId: event.orderId, status: event.status } : null);
    const response = eventStream({
      request: new Request("http://canteen.test/api/events/orders", { headers: { "last-event-id": String(firstEvent!.seq) } }),
      name: "test",
      event: "order",
      subscribe: bus.subscribeToOrders,
      replay: (afterSeq) => orderEventsAfter(database.db, { afterSeq, storeId: world.cafe.id }),
      project,
    });
    const reading = readEvents(response, 4);
    await sleep(200);
    const next = (await sellCookie()).orderId;
    const events = await reading;
    expect(events[0]).toMatchObject({ event: "ready" });
    expect(events.slice(1).map((event) => JSON.parse(event.data).orderId)).toEqual([...gone, next]);
    const ids = events.slice(1).map((event) => Number(event.id));
    expect(ids[0]).toBeGreaterThan(firstEvent!.seq!);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
  });

  it("menu changes ride the same LISTEN connection, live and un-numbered; a re-listen tells menu listeners to resync", async () => {
    const listenConnections = async () => {
      const [row] = await database.sql<{ count: number }[]>`select count(*)::int as count from pg_stat_activity where application_name = 'canteen-listen' and datname = current_database()`;
      return row?.count ?? 0;
    };
    const before = await listenConnections();
    const bus = createEventBus(database.url, { minBackoffMs: 50 });
    buses.push(bus);
    const notices: MenuNotice[] = [];
    const orders: OrderEvent[] = [];
    await bus.subscribeToMenu((notice) => notices.push(notice));
    await bus.subscribeToOrders((event) => orders.push(event));
    expect(await listenConnections()).toBe(before + 1);

    const response = eventStream({
      request: new Request("http://canteen.test/api/events/menu"),
      name: "test",
      event: "menu",
      subscribe: bus.subscribeToMenu,
      project: (notice) => (notice.storeId === world.cafe.id || notice.storeId === null ? { change: notice.change } : null),
    });
    const reading = readEvents(response, 2);
    await sleep(100);
    // A rolled-back edit says nothing; a committed one reaches the bus, and the stream without an id.
    await database.db
      .transaction(async (tx) => {
        await announceMenuChange(tx, { storeId: world.cafe.id, change: "menu.item.updated" });
        throw new Error("roll back");
      })
      .catch(() => null);
    await database.db.transaction((tx) => announceMenuChange(tx, { storeId: world.cafe.id, change: "menu.category.created" }));
    const events = await reading;
    expect(events.map((event) => [event.event, event.id])).toEqual([
      ["ready", null],
      ["menu", null],
    ]);
    expect(JSON.parse(events[1]!.data)).toEqual({ change: "menu.category.created" });
    expect(notices).toEqual([{ storeId: world.cafe.id, change: "menu.category.created" }]);
    expect(orders).toEqual([]);

    // The LISTEN connection is dropped: menu listeners hear "resync" once it is back (no replay
    // for menu changes), and live menu changes and order events flow again after it.
    await database.sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'canteen-listen' and datname = current_database()`;
    await until(() => notices.some((notice) => notice.storeId === null));
    await until(() => bus.listening());
    await database.db.transaction((tx) => announceMenuChange(tx, { storeId: world.cafe.id, change: "menu.item.sold_out" }));
    const sale = await sellCookie();
    await until(() => notices.some((notice) => notice.change === "menu.item.sold_out") && orders.some((event) => event.orderId === sale.orderId));
    expect(notices.slice(1)).toEqual([
      { storeId: null, change: "resync" },
      { storeId: world.cafe.id, change: "menu.item.sold_out" },
    ]);
  });
});
