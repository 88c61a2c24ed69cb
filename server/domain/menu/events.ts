import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

export const MENU_EVENTS_CHANNEL = "canteen_menu_events";

export type MenuEvent = { storeId: string; change: string };

/**
 * Tells every app process that a store's menu changed (LISTEN/NOTIFY), so open kiosks refetch
 * it. Sent inside the transaction of the change: PostgreSQL delivers it only if that commits.
 */
export async function announceMenuChange(tx: DbOrTx, event: MenuEvent) {
  await tx.execute(sql`select pg_notify(${MENU_EVENTS_CHANNEL}, ${JSON.stringify(event)})`);
}

export function parseMenuEvent(payload: string): MenuEvent | null {
  try {
    const value = JSON.parse(payload) as Partial<MenuEvent>;
    if (typeof value.storeId !== "string") return null;
    return { storeId: value.storeId, change: typeof value.change === "string" ? value.change : "menu" };
  } catch {
    return null;
  }
}
