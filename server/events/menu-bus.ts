import "server-only";
import { logger } from "@/server/log";
import { sqlClient } from "@/server/db";
import { MENU_EVENTS_CHANNEL, parseMenuEvent, type MenuEvent } from "@/server/domain/menu/events";

type Listener = (event: MenuEvent) => void;

const globalForBus = globalThis as unknown as { canteenMenuBus?: { listeners: Set<Listener>; started: Promise<void> | null } };
const bus = (globalForBus.canteenMenuBus ??= { listeners: new Set(), started: null });

/**
 * Menu changes fanned out to every open kiosk stream of this process, from one LISTEN
 * (postgres.js shares its listening connection with the order bus), so a manager's edit on
 * any replica reaches the tablets connected to any other.
 */
function ensureListening() {
  bus.started ??= sqlClient()
    .listen(MENU_EVENTS_CHANNEL, (payload) => {
      const event = parseMenuEvent(payload);
      if (!event) return;
      for (const listener of bus.listeners) listener(event);
    })
    .then(() => undefined)
    .catch((error: unknown) => {
      bus.started = null;
      logger.error({ err: error }, "menu events: LISTEN failed");
      throw error;
    });
  return bus.started;
}

export async function subscribeToMenu(listener: Listener): Promise<() => void> {
  bus.listeners.add(listener);
  try {
    await ensureListening();
  } catch (error) {
    bus.listeners.delete(listener);
    throw error;
  }
  return () => bus.listeners.delete(listener);
}
