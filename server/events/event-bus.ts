import "server-only";
import { env } from "@/server/env";
import { createEventBus, type EventBus } from "./bus-core";

const globalForBus = globalThis as unknown as { canteenEventBus?: EventBus };

/**
 * One LISTEN connection per process fans live events out to every open stream, so a payment
 * or a menu edit on any replica reaches the kiosks, displays and phones connected to any
 * other. It is a direct connection of its own (DATABASE_DIRECT_URL when DATABASE_URL goes
 * through a transaction-mode pooler), listens on the order and the menu channel, re-listens
 * after the database restarts and then replays the order events it missed from order_events.
 */
export function eventBus(): EventBus {
  const current = env();
  globalForBus.canteenEventBus ??= createEventBus(current.DATABASE_DIRECT_URL ?? current.DATABASE_URL);
  return globalForBus.canteenEventBus;
}

/** Order status changes from every replica: kiosk queues, the pickup display, employees' phones. */
export function subscribeToOrders(listener: Parameters<EventBus["subscribeToOrders"]>[0]): Promise<() => void> {
  return eventBus().subscribeToOrders(listener);
}

/** "This store's menu changed", from a manager's edit or a sold-out switch on any replica. */
export function subscribeToMenu(listener: Parameters<EventBus["subscribeToMenu"]>[0]): Promise<() => void> {
  return eventBus().subscribeToMenu(listener);
}

export async function stopEventBus() {
  const bus = globalForBus.canteenEventBus;
  globalForBus.canteenEventBus = undefined;
  await bus?.stop();
}
