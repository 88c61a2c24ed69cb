import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedCluster } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { ORDER_EVENTS_CHANNEL, type OrderEvent } from "@/server/domain/orders/events";
import { createEventBus, type MenuNotice } from "./bus-core";

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

async function until(probe: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A PostgreSQL of its own, restarted under the bus, as a failover or an upgrade would. */
describe("the order bus across a database restart", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "canteen-bus-restart-"));
  let cluster: EmbeddedCluster | null = null;
  afterAll(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("listens again once the database is back and delivers every event committed meanwhile, once and in order", async () => {
    const dataDir = path.join(dir, "pg");
    const port = await freePort();
    cluster = await startEmbeddedPostgres({ dataDir, port, throwaway: true });
    const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => {} });
    await admin`create database canteen`;
    await admin.end();
    const url = cluster.urlFor("canteen");
    await runMigrations(url);

    const storeId = "00000000-0000-4000-8000-000000000001";
    const announce = async (n: number) => {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      const orderId = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
      const payload = { storeId, orderId, pickupNumber: n, status: "paid", payerIds: [] };
      await sql`insert into order_events (store_id, order_id, payload) values (${storeId}, ${orderId}, ${sql.json(payload)})`;
      await sql.end();
      return orderId;
    };

    const bus = createEventBus(url, { minBackoffMs: 100 });
    const seen: OrderEvent[] = [];
    const menuNotices: MenuNotice[] = [];
    await bus.subscribeToOrders((event) => seen.push(event));
    await bus.subscribeToMenu((notice) => menuNotices.push(notice));
    const before = await announce(1);
    await until(() => seen.length === 1, 5_000);

    await cluster.stop();
    await until(() => !bus.listening(), 5_000);
    // Down for a while: the bus keeps trying (postgres.js alone would give up after one try).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    cluster = await startEmbeddedPostgres({ dataDir, port, throwaway: true });
    // Committed right after the restart, quite possibly before the bus is listening again.
    const meanwhile = [await announce(2), await announce(3)];
    await until(() => bus.listening(), 15_000);
    const after = await announce(4);
    await until(() => seen.length >= 4, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(seen.map((event) => event.orderId)).toEqual([before, ...meanwhile, after]);
    const seqs = seen.map((event) => event.seq ?? 0);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(ORDER_EVENTS_CHANNEL).toBe("canteen_order_events");
    // Menu changes are not replayed; open kiosks are told to refetch instead.
    expect(menuNotices).toEqual([{ storeId: null, change: "resync" }]);
    await bus.stop();
  });
});
