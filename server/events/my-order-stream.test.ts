import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/roles";
import { advanceOrder } from "@/server/domain/orders/order-status";
import { ORDER_EVENTS_CHANNEL, parseOrderEvent, type OrderEvent } from "@/server/domain/orders/events";
import { refundOrder } from "@/server/domain/payments/refund-order";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { sessionOf } from "@/test/helpers";
import { moneyWorld } from "@/test/money-fixtures";
import { myOrderEvent, myOrderEventsHandler } from "./my-order-stream";

type World = Awaited<ReturnType<typeof moneyWorld>>;
type Sse = { event: string; data: string } | { comment: string };

/** Reads server-sent events off a response body as they arrive. */
function sseReader(response: Response) {
  const body = response.body;
  if (!body) throw new Error("no body");
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const queue: Sse[] = [];
  async function next(timeoutMs = 5_000): Promise<Sse> {
    const deadline = Date.now() + timeoutMs;
    while (queue.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("no event in time");
      const chunk = await Promise.race([
        reader.read(),
        new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), left)),
      ]);
      if (chunk === "timeout") continue;
      if (chunk.done) throw new Error("stream ended");
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith(":")) {
          queue.push({ comment: block.slice(1).trim() });
          continue;
        }
        const field = (name: string) =>
          block
            .split("\n")
            .find((line) => line.startsWith(`${name}: `))
            ?.slice(name.length + 2) ?? "";
        queue.push({ event: field("event"), data: field("data") });
      }
    }
    return queue.shift() as Sse;
  }
  /** The next `order` event, skipping heartbeats. */
  async function nextOrder() {
    for (;;) {
      const message = await next();
      if ("event" in message && message.event === "order") return JSON.parse(message.data) as Record<string, unknown>;
    }
  }
  return { next, nextOrder, cancel: () => reader.cancel() };
}

describe("the employee's own order events (/api/events/me)", () => {
  let database: TestDatabase;
  let world: World;
  let me: SessionUser;
  let colleague: SessionUser;
  const listeners = new Set<(event: OrderEvent) => void>();
  // The app's bus, but on this test's database: real pg_notify from real payments.
  const subscribe = async (listener: (event: OrderEvent) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    me = await sessionOf(database.db, "employee31@canteen.dev");
    colleague = await sessionOf(database.db, "employee32@canteen.dev");
    await world.fund(me.id, 50_000n);
    await world.fund(colleague.id, 50_000n);
    await database.sql.listen(ORDER_EVENTS_CHANNEL, (payload) => {
      const event = parseOrderEvent(payload);
      if (event) for (const listener of listeners) listener(event);
    });
  });
  afterAll(async () => {
    await database.close();
  });

  it("streams my payments, status changes, group payments and refunds, and nobody else's", async () => {
    const aborter = new AbortController();
    const handler = myOrderEventsHandler({ authenticate: async () => me, subscribe });
    const response = await handler(new Request("http://canteen.test/api/events/me", { signal: aborter.signal }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const stream = sseReader(response);
    expect(await stream.next()).toEqual({ event: "ready", data: "{}" });

    // A colleague's sale and a walk-in come first; my own sale follows, and it is the first thing I hear.
    await world.sell({ lines: [await world.line("cookie")], payer: { employeeId: colleague.id } });
    await world.sell({ lines: [await world.line("cookie")], payer: null, remainder: { method: "cash", tendered: 2_000n } });
    const mine = await world.sell({ lines: [await world.line("americano"), await world.line("scone")], payer: { employeeId: me.id } });
    expect(await stream.nextOrder()).toEqual({
      orderId: mine.orderId,
      status: "paid",
      pickupNumber: mine.pickupNumber,
      storeId: world.cafe.id,
    });

    // The barista moves it along.
    await database.db.transaction((tx) =>
      advanceOrder({ tx, input: { orderId: mine.orderId, storeId: world.cafe.id, to: "preparing", now: new Date() } }),
    );
    expect(await stream.nextOrder()).toMatchObject({ orderId: mine.orderId, status: "preparing" });

    // A group payment where the colleague scanned first still reaches me.
    const group = await world.sell({
      lines: [await world.line("sandwich", 2)],
      payer: null,
      payers: [{ employeeId: colleague.id }, { employeeId: me.id }],
      walletSplit: "even",
    });
    expect(await stream.nextOrder()).toMatchObject({ orderId: group.orderId, status: "paid" });

    // A refund of one line of my order.
    const [line] = await database.sql<{ id: string }[]>`select id from order_lines where order_id = ${mine.orderId} and line_no = 2`;
    await database.db.transaction((tx) =>
      refundOrder({
        tx,
        input: {
          orderId: mine.orderId,
          storeId: world.cafe.id,
          lines: [{ lineId: line?.id ?? "", quantity: 1 }],
          reason: "test",
          actorId: world.kiosk.id,
          now: new Date(),
        },
      }),
    );
    // Still being made: the rest is owed, so the order keeps its step (the phone refetches what changed).
    expect(await stream.nextOrder()).toEqual({
      orderId: mine.orderId,
      status: "preparing",
      pickupNumber: mine.pickupNumber,
      storeId: world.cafe.id,
    });

    // Another colleague-only sale, then nothing: a wait for an order event runs out.
    await world.sell({ lines: [await world.line("cookie")], payer: { employeeId: colleague.id } });
    await expect(Promise.race([stream.nextOrder(), new Promise((_, reject) => setTimeout(() => reject(new Error("quiet")), 1_500))])).rejects.toThrow(
      /quiet|no event in time/,
    );

    aborter.abort();
    await stream.cancel();
    // Closing the stream let go of the subscription.
    expect(listeners.size).toBe(0);
  });

  it("keeps the connection alive with heartbeats", async () => {
    const aborter = new AbortController();
    const handler = myOrderEventsHandler({ authenticate: async () => me, subscribe, heartbeatMs: 50 });
    const stream = sseReader(await handler(new Request("http://canteen.test/api/events/me", { signal: aborter.signal })));
    expect(await stream.next()).toMatchObject({ event: "ready" });
    expect(await stream.next()).toEqual({ comment: "keep-alive" });
    aborter.abort();
    await stream.cancel();
  });

  it("refuses a request without a session, and anyone who is not an employee", async () => {
    const anonymous = await myOrderEventsHandler({ authenticate: async () => null, subscribe })(new Request("http://canteen.test/api/events/me"));
    expect(anonymous.status).toBe(401);
    const kiosk = await sessionOf(database.db, "kiosk.cafe@canteen.dev");
    const barista = await myOrderEventsHandler({ authenticate: async () => kiosk, subscribe })(new Request("http://canteen.test/api/events/me"));
    expect(barista.status).toBe(403);
    expect(listeners.size).toBe(0);
  });

  it("passes on only an event naming the employee among its payers, without the other payers", () => {
    const event: OrderEvent = {
      storeId: "s",
      orderId: "o",
      pickupNumber: 7,
      status: "ready",
      source: "kiosk",
      payerIds: ["a", "b"],
    };
    expect(myOrderEvent(event, "b")).toEqual({ orderId: "o", status: "ready", pickupNumber: 7, storeId: "s" });
    expect(myOrderEvent(event, "c")).toBeNull();
    expect(myOrderEvent({ ...event, payerIds: [] }, "a")).toBeNull();
    expect(parseOrderEvent(JSON.stringify(event))).toEqual(event);
    // An event from a process that predates payerIds reaches nobody's phone.
    expect(parseOrderEvent(JSON.stringify({ ...event, payerIds: undefined }))?.payerIds).toEqual([]);
  });
});
