import "server-only";
import { env } from "@/server/env";
import { createOrderBus, type OrderBus } from "./bus-core";

const globalForBus = globalThis as unknown as { canteenOrderBus?: OrderBus };

/**
 * One LISTEN connection per process fans order events out to every open stream, so a
 * payment on any replica reaches the kiosks and displays connected to any other. It is a
 * direct connection of its own (DATABASE_DIRECT_URL when DATABASE_URL goes through a
 * transaction-mode pooler), re-listens after the database restarts and then replays the
 * events it missed from order_events.
 */
export function orderBus(): OrderBus {
  const current = env();
  globalForBus.canteenOrderBus ??= createOrderBus(current.DATABASE_DIRECT_URL ?? current.DATABASE_URL);
  return globalForBus.canteenOrderBus;
}

export function subscribeToOrders(listener: Parameters<OrderBus["subscribe"]>[0]): Promise<() => void> {
  return orderBus().subscribe(listener);
}

export async function stopOrderBus() {
  const bus = globalForBus.canteenOrderBus;
  globalForBus.canteenOrderBus = undefined;
  await bus?.stop();
}
