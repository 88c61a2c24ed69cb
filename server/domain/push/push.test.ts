import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { connect } from "@/db/client";
import { pushOutbox, pushSubscriptions, serverKeys } from "@/db/schema";
import { advanceOrder } from "@/server/domain/orders/order-status";
import { placeOrderAheadOnce } from "@/server/domain/orders/order-ahead";
import { webPushSender } from "@/server/providers/web-push";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { errorOf, sessionOf } from "@/test/helpers";
import { createInnerContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { LUNCHTIME, moneyWorld } from "@/test/money-fixtures";
import { browserSubscription, startPushEndpoint, verifyVapid, type LocalPushEndpoint } from "@/test/push-endpoint";
import { deliverPush, enqueueOrderReadyPush, pushBackoffMs, type PushPayload } from "./outbox";
import { pushEndpointAllowed, savePushSubscription } from "./subscriptions";
import { vapidKeys } from "./vapid";

type World = Awaited<ReturnType<typeof moneyWorld>>;

describe("web push: order ready", () => {
  let database: TestDatabase;
  let world: World;
  let endpoint: LocalPushEndpoint;
  const subject = "mailto:cafe@canteen.dev";
  const sender = async () => {
    const keys = await vapidKeys(database.db);
    return webPushSender({ subject, ...keys });
  };
  let keyNo = 0;

  /** A paid pay-app order of the employee, moved to `preparing`. */
  const preparingOrder = async (employeeId: string) => {
    await world.fund(employeeId, 10_000n);
    const paid = await placeOrderAheadOnce(database.db, {
      key: `push-${keyNo++}`,
      input: { employeeId, storeId: world.cafe.id, lines: [await world.line("americano", 1, ["iced"])], now: LUNCHTIME },
    });
    await database.db.transaction((tx) => advanceOrder({ tx, input: { orderId: paid.orderId, storeId: world.cafe.id, to: "preparing", now: LUNCHTIME } }));
    return paid;
  };
  const ready = (orderId: string) =>
    database.db.transaction((tx) => advanceOrder({ tx, input: { orderId, storeId: world.cafe.id, to: "ready", now: LUNCHTIME } }));
  const subscribe = async (employeeId: string, label: string) => {
    const browser = browserSubscription(`${endpoint.origin}/push/${label}-${crypto.randomUUID()}`);
    const saved = await savePushSubscription({
      tx: database.db,
      input: { userId: employeeId, endpoint: browser.endpoint, p256dh: browser.keys.p256dh, auth: browser.keys.auth },
      allowLoopback: true,
    });
    return { ...browser, id: saved.id };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await moneyWorld(database.db);
    endpoint = await startPushEndpoint();
  });
  afterEach(() => {
    endpoint.received.length = 0;
  });
  afterAll(async () => {
    await endpoint.close();
    await database.close();
  });

  it("makes one VAPID key pair, the same for every replica that starts at once", async () => {
    const replicas = [connect(database.url, { max: 1 }), connect(database.url, { max: 1 }), connect(database.url, { max: 1 })];
    try {
      const keys = await Promise.all(replicas.map((replica) => vapidKeys(replica.db)));
      expect(new Set(keys.map((key) => key.publicKey)).size).toBe(1);
      expect(await vapidKeys(database.db)).toEqual(keys[0]);
      expect(await database.db.select().from(serverKeys)).toHaveLength(1);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });

  it("queues one message per subscription of the payer when the order turns ready, once, and sends a real Web Push", async () => {
    const payer = await world.employee(21);
    const bystander = await world.employee(22);
    const phone = await subscribe(payer, "phone");
    const tablet = await subscribe(payer, "tablet");
    await subscribe(bystander, "other");
    const order = await preparingOrder(payer);

    const advanced = await ready(order.orderId);
    expect(advanced.pushOutboxIds).toHaveLength(2);
    const rows = await database.db.select().from(pushOutbox).where(eq(pushOutbox.dedupeKey, `order-ready:${order.orderId}`));
    expect(rows.map((row) => row.subscriptionId).sort()).toEqual([phone.id, tablet.id].sort());
    // "Ready" again (a retried request, a second replica) queues nothing more.
    expect(await database.db.transaction((tx) => enqueueOrderReadyPush(tx, { orderId: order.orderId, now: LUNCHTIME }))).toEqual([]);

    // Due at the clock that made the order ready (a test server's moved clock may lag the database's).
    expect(rows.map((row) => row.nextAttemptAt.getTime())).toEqual([LUNCHTIME.getTime(), LUNCHTIME.getTime()]);
    const result = await deliverPush(database.db, { sender: await sender(), now: LUNCHTIME, ids: advanced.pushOutboxIds });
    expect(result).toEqual({ sent: 2, retrying: 0, failed: 0, gone: 0 });
    const received = await endpoint.waitFor(2);
    const { publicKey } = await vapidKeys(database.db);
    for (const message of received) {
      expect(verifyVapid(message.headers, endpoint.origin)).toMatchObject({ publicKey, claims: { sub: subject } });
      expect(message.headers["content-encoding"]).toBe("aes128gcm");
      expect(Number(message.headers.ttl)).toBeGreaterThan(0);
      expect(message.headers.urgency).toBe("high");
      const browser = message.path.includes("/phone-") ? phone : tablet;
      // Only the subscriber's private key opens it.
      expect(message.body.toString("utf8")).not.toContain(order.orderId);
      const payload = JSON.parse(browser.decrypt(message.body)) as PushPayload;
      expect(payload).toMatchObject({ kind: "orderReady", orderId: order.orderId, url: `/pay/order/${order.orderId}` });
      expect(payload.texts.ko.title).toContain(String(order.pickupNumber));
      expect(payload.texts.en.body).toContain("HQ Cafe");
    }
    expect(new Set(received.map((message) => message.path))).toEqual(new Set([new URL(phone.endpoint).pathname, new URL(tablet.endpoint).pathname]));
    const after = await database.db.select().from(pushOutbox).where(eq(pushOutbox.dedupeKey, `order-ready:${order.orderId}`));
    expect(after.every((row) => row.status === "sent" && row.sentAt !== null)).toBe(true);
    // Sent messages are not sent again by the jobs runner.
    expect(await deliverPush(database.db, { sender: await sender(), now: new Date(Date.now() + 86_400_000) })).toEqual({ sent: 0, retrying: 0, failed: 0, gone: 0 });
  });

  it("retries after a 500 with backoff, and sends on the later try", async () => {
    const payer = await world.employee(23);
    const phone = await subscribe(payer, "flaky");
    const order = await preparingOrder(payer);
    const { pushOutboxIds } = await ready(order.orderId);
    expect(pushOutboxIds).toHaveLength(1);

    endpoint.respondWith(500);
    const now = new Date();
    expect(await deliverPush(database.db, { sender: await sender(), now, ids: pushOutboxIds })).toEqual({ sent: 0, retrying: 1, failed: 0, gone: 0 });
    const [waiting] = await database.db.select().from(pushOutbox).where(eq(pushOutbox.subscriptionId, phone.id));
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    expect(waiting?.lastError).toContain("500");
    expect(waiting?.nextAttemptAt.getTime()).toBe(now.getTime() + pushBackoffMs(1));

    // Not due yet: nothing is sent.
    expect((await deliverPush(database.db, { sender: await sender(), now: new Date(now.getTime() + 1_000) })).sent).toBe(0);
    const later = new Date(now.getTime() + pushBackoffMs(1));
    expect(await deliverPush(database.db, { sender: await sender(), now: later })).toEqual({ sent: 1, retrying: 0, failed: 0, gone: 0 });
    expect(endpoint.received).toHaveLength(2);
    expect(JSON.parse(phone.decrypt(endpoint.received[1]?.body ?? Buffer.alloc(0)))).toMatchObject({ orderId: order.orderId });
    const [sent] = await database.db.select().from(pushOutbox).where(eq(pushOutbox.subscriptionId, phone.id));
    expect(sent).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("deletes a subscription the push service says is gone (410)", async () => {
    const payer = await world.employee(24);
    const gone = await subscribe(payer, "gone");
    const kept = await subscribe(payer, "kept");
    const order = await preparingOrder(payer);
    const { pushOutboxIds } = await ready(order.orderId);

    endpoint.respondWith(410, 201);
    const result = await deliverPush(database.db, { sender: await sender(), now: new Date(), ids: pushOutboxIds });
    expect(result.gone + result.sent).toBe(2);
    expect(result.gone).toBe(1);
    const [first] = endpoint.received;
    const goneId = first && first.path === new URL(gone.endpoint).pathname ? gone.id : kept.id;
    const remaining = await database.db.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(eq(pushSubscriptions.userId, payer));
    expect(remaining.map((row) => row.id)).toEqual([goneId === gone.id ? kept.id : gone.id]);
  });

  it("the barista's 'ready' over tRPC commits, then sends to the payer's phone without being asked again", async () => {
    const payer = await world.employee(26);
    const phone = await subscribe(payer, "router");
    const order = await preparingOrder(payer);
    const barista = await sessionOf(database.db, "kiosk.cafe@canteen.dev");
    const answer = await createCaller(createInnerContext({ db: database.db, session: barista })).orders.advance({ orderId: order.orderId, to: "ready" });
    expect(answer).toEqual({ id: order.orderId, status: "ready", pickupNumber: order.pickupNumber });
    const [message] = await endpoint.waitFor(1);
    expect(JSON.parse(phone.decrypt(message?.body ?? Buffer.alloc(0)))).toMatchObject({ orderId: order.orderId });
    await expect.poll(async () => (await database.db.select().from(pushOutbox).where(eq(pushOutbox.subscriptionId, phone.id)))[0]?.status).toBe("sent");
  });

  it("stores only subscriptions it can encrypt for, on a real push service", async () => {
    const employee = await world.employee(25);
    const good = browserSubscription("https://fcm.googleapis.com/fcm/send/abc");
    const input = { userId: employee, endpoint: good.endpoint, p256dh: good.keys.p256dh, auth: good.keys.auth };
    expect(await savePushSubscription({ tx: database.db, input, allowLoopback: false })).toHaveProperty("id");
    // The same browser again replaces its keys instead of adding a second row.
    const renewed = browserSubscription(good.endpoint);
    await savePushSubscription({ tx: database.db, input: { ...input, p256dh: renewed.keys.p256dh, auth: renewed.keys.auth }, allowLoopback: false });
    const rows = await database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, good.endpoint));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.p256dh).toBe(renewed.keys.p256dh);

    expect(await errorOf(savePushSubscription({ tx: database.db, input: { ...input, endpoint: "http://127.0.0.1:9/x" }, allowLoopback: false }))).toMatchObject({
      messageKey: "pushEndpointRefused",
    });
    expect(await errorOf(savePushSubscription({ tx: database.db, input: { ...input, endpoint: "https://attacker.example/x" }, allowLoopback: false }))).toMatchObject({
      messageKey: "pushEndpointRefused",
    });
    expect(
      await errorOf(savePushSubscription({ tx: database.db, input: { ...input, endpoint: "https://fcm.googleapis.com/fcm/send/def", auth: "c2hvcnQ" }, allowLoopback: false })),
    ).toMatchObject({ messageKey: "pushKeysInvalid" });
    expect(pushEndpointAllowed("https://web.push.apple.com/QGx", { allowLoopback: false })).toBe(true);
    expect(pushEndpointAllowed("https://fcm.googleapis.com:8443/x", { allowLoopback: false })).toBe(false);
    expect(pushEndpointAllowed("https://evilpush.apple.com.example/x", { allowLoopback: false })).toBe(false);
  });
});
