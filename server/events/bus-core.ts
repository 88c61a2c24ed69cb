import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "@/db/schema";
import { logger } from "@/server/log";
import { MENU_EVENTS_CHANNEL, parseMenuEvent, type MenuEvent } from "@/server/domain/menu/events";
import {
  latestOrderEventSeq,
  ORDER_EVENTS_CHANNEL,
  orderEventsAfter,
  parseOrderEvent,
  type OrderEvent,
} from "@/server/domain/orders/events";

type OrderListener = (event: OrderEvent) => void;

/**
 * A store's menu changed; or, with `storeId: null`, the LISTEN was lost for a while and any
 * store's menu may have changed meanwhile (menu notifications are live only, not replayed).
 */
export type MenuNotice = MenuEvent | { storeId: null; change: "resync" };
type MenuListener = (notice: MenuNotice) => void;

export type EventBus = {
  /** Order status changes, in `seq` order, each once; after a re-listen, the missed ones first. */
  subscribeToOrders: (listener: OrderListener) => Promise<() => void>;
  /** Menu changes, live; a `resync` notice after each re-listen. */
  subscribeToMenu: (listener: MenuListener) => Promise<() => void>;
  /** True while the LISTEN is in place (false between a lost connection and the re-listen). */
  listening: () => boolean;
  /** The newest event number handed to listeners. */
  lastSeq: () => number | null;
  stop: () => Promise<void>;
};

const MAX_BACKOFF_MS = 5_000;

/**
 * The LISTEN side of live events, on one connection of its own for both channels. postgres.js
 * re-listens once when a connection drops, but gives up if the database is still down at that
 * moment; so this bus keeps trying (with backoff) until the LISTEN is back, then catches up
 * from order_events with everything committed after the last order event it delivered. Order
 * events are handed out in `seq` order, each once. Menu changes are un-numbered, live-only
 * notifications (a kiosk refetches its whole menu on any of them): after a re-listen their
 * listeners get a `resync` notice instead of a replay.
 */
export function createEventBus(url: string, options: { minBackoffMs?: number } = {}): EventBus {
  const listeners = new Set<OrderListener>();
  const menuListeners = new Set<MenuListener>();
  let stopped = false;
  let isListening = false;
  let everListened = false;
  let lastSeq: number | null = null;
  // While catching up, live notifications wait here so they never overtake older replayed ones.
  let held: OrderEvent[] | null = null;
  let needsListen = true;
  let loop: Promise<void> | null = null;
  let firstListen: Promise<void> | null = null;

  const client = postgres(url, {
    max: 1,
    idle_timeout: 0,
    max_lifetime: 0,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: "canteen-listen" },
    onnotify(channel: string, payload: string) {
      if (channel === MENU_EVENTS_CHANNEL) {
        const event = parseMenuEvent(payload);
        if (event) deliverMenu(event);
        return;
      }
      if (channel !== ORDER_EVENTS_CHANNEL) return;
      const event = parseOrderEvent(payload);
      if (!event) return;
      if (held) held.push(event);
      else deliver(event);
    },
    onclose() {
      isListening = false;
      if (stopped) return;
      needsListen = true;
      void ensureLoop();
    },
  } as postgres.Options<Record<string, never>>);
  const db = drizzle(client, { schema, casing: "snake_case" });

  function deliver(event: OrderEvent) {
    if (event.seq !== undefined) {
      if (lastSeq !== null && event.seq <= lastSeq) return;
      lastSeq = event.seq;
    }
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        logger.error({ err: error }, "order events: a listener failed");
      }
    }
  }

  function deliverMenu(notice: MenuNotice) {
    for (const listener of menuListeners) {
      try {
        listener(notice);
      } catch (error) {
        logger.error({ err: error }, "menu events: a listener failed");
      }
    }
  }

  async function listenOnce() {
    held = [];
    try {
      // Read the high-water mark before LISTEN, so whatever commits in between is replayed below.
      if (lastSeq === null) lastSeq = await latestOrderEventSeq(db);
      await client.unsafe(`listen "${ORDER_EVENTS_CHANNEL}"`);
      await client.unsafe(`listen "${MENU_EVENTS_CHANNEL}"`);
      isListening = true;
      // Menu changes made while the LISTEN was gone are not kept anywhere: every open kiosk refetches.
      if (everListened) deliverMenu({ storeId: null, change: "resync" });
      everListened = true;
      for (;;) {
        const missed = await orderEventsAfter(db, { afterSeq: lastSeq ?? 0 });
        for (const event of missed) deliver(event);
        if (missed.length === 0) break;
      }
      const live = held;
      held = null;
      for (const event of live) deliver(event);
    } catch (error) {
      held = null;
      isListening = false;
      throw error;
    }
  }

  function ensureLoop(): Promise<void> {
    loop ??= (async () => {
      let backoff = options.minBackoffMs ?? 200;
      let attempt = 0;
      while (needsListen && !stopped) {
        needsListen = false;
        try {
          await listenOnce();
          if (attempt > 0) logger.info({ attempt, lastSeq }, "live events: listening again");
          attempt = 0;
          backoff = options.minBackoffMs ?? 200;
        } catch (error) {
          if (stopped) break;
          needsListen = true;
          attempt += 1;
          logger.warn({ err: error, attempt }, "live events: LISTEN failed, retrying");
          await new Promise((resolve) => setTimeout(resolve, backoff));
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
      }
    })().finally(() => {
      loop = null;
      // A close that came while the loop was finishing.
      if (needsListen && !stopped) void ensureLoop();
    });
    return loop;
  }

  async function subscribeTo<L>(set: Set<L>, listener: L) {
    set.add(listener);
    firstListen ??= ensureLoop();
    await firstListen;
    return () => {
      set.delete(listener);
    };
  }

  return {
    subscribeToOrders: (listener) => subscribeTo(listeners, listener),
    subscribeToMenu: (listener) => subscribeTo(menuListeners, listener),
    listening: () => isListening,
    lastSeq: () => lastSeq,
    async stop() {
      stopped = true;
      listeners.clear();
      menuListeners.clear();
      await client.end({ timeout: 2 });
    },
  };
}
