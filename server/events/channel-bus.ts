import "server-only";
import { logger } from "@/server/log";
import { sqlClient } from "@/server/db";

type Bus<T> = { listeners: Set<(event: T) => void>; started: Promise<void> | null };

const globalForBuses = globalThis as unknown as { canteenBuses?: Map<string, Bus<unknown>> };
const buses = (globalForBuses.canteenBuses ??= new Map());

/**
 * One LISTEN per channel and process, fanning its notifications out to every open stream, so
 * a change on any replica reaches the screens connected to any other. postgres.js shares one
 * listening connection among channels and re-listens by itself after it drops.
 */
export function channelBus<T>(channel: string, parse: (payload: string) => T | null) {
  const bus = (buses.get(channel) ?? { listeners: new Set(), started: null }) as Bus<T>;
  buses.set(channel, bus as Bus<unknown>);

  function ensureListening() {
    bus.started ??= sqlClient()
      .listen(channel, (payload) => {
        const event = parse(payload);
        if (!event) return;
        for (const listener of bus.listeners) listener(event);
      })
      .then(() => undefined)
      .catch((error: unknown) => {
        bus.started = null;
        logger.error({ err: error, channel }, "events: LISTEN failed");
        throw error;
      });
    return bus.started;
  }

  return async function subscribe(listener: (event: T) => void): Promise<() => void> {
    bus.listeners.add(listener);
    try {
      await ensureListening();
    } catch (error) {
      bus.listeners.delete(listener);
      throw error;
    }
    return () => bus.listeners.delete(listener);
  };
}
