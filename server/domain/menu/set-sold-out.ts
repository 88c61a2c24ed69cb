import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { menuItems } from "@/db/schema";
import { notFound } from "../errors";
import { announceMenuChange } from "./events";

/** The barista's sold-out switch; an item of another store is treated as unknown. */
export async function setSoldOut(args: { tx: DbOrTx; input: { storeId: string; itemId: string; soldOut: boolean } }) {
  const { tx, input } = args;
  const [updated] = await tx
    .update(menuItems)
    .set({ isSoldOut: input.soldOut })
    .where(and(eq(menuItems.id, input.itemId), eq(menuItems.storeId, input.storeId)))
    .returning({ id: menuItems.id, isSoldOut: menuItems.isSoldOut });
  if (!updated) throw notFound("menuItemNotFound", `menu item ${input.itemId} not found in this store`);
  // The store's other tablets grey it out (or bring it back) without a reload.
  await announceMenuChange(tx, { storeId: input.storeId, change: "menu.item.sold_out" });
  return updated;
}
