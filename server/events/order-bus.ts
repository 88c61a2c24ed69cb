import "server-only";
import { logger } from "@/server/log";
import { sqlClient } from "@/server/db";
import { ORDER_EVENTS_CHANNEL, parseOrderEvent, type OrderEvent } from "@/server/domain/orders/events";

type Listener = (event: OrderEvent) => void;

const globalForBus = globalThis as unknown as { canteenOrderBus?: { listeners: Set<Listener>; started: Promise<void> | null } };
const bus = (globalForBus.canteenOrderBus ??= { listeners: new Set(), started: null });

/**
 * One LISTEN connection per process fans order events out to every open stream, so a
 * payment on any replica reaches the kiosks and displays connected to any other.
 * postgres.js re-listens by itself after the connection drops.
 */
function ensureListening() {
  bus.started ??= sqlClient()
    .listen(ORDER_EVENTS_CHANNEL, (payload) => {
      const event = parseOrderEvent(payload);
      if (!event) return;
      for (const listener of bus.listeners) listener(event);
    })
    .then(() => undefined)
    .catch((error: unknown) => {
      bus.started = null;
      logger.error({ err: error }, "order events: LISTEN failed");
      throw error;
    });
  return bus.started;
}

export async function subscribeToOrders(listener: Listener): Promise<() => void> {
  bus.listeners.add(listener);
  try {
    await ensureListening();
  } catch (error) {
    bus.listeners.delete(listener);
    throw error;
  }
  return () => bus.listeners.delete(listener);
}
