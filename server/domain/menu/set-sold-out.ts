import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { menuItems } from "@/db/schema";
import { recordAudit } from "../audit";
import { notFound } from "../errors";
import { announceMenuChange } from "./events";

/** The barista's sold-out switch; an item of another store (or a deleted one) is treated as unknown. */
export async function setSoldOut(args: { tx: DbOrTx; input: { storeId: string; itemId: string; soldOut: boolean; actorId?: string | null } }) {
  const { tx, input } = args;
  const [before] = await tx
    .select({ id: menuItems.id, isSoldOut: menuItems.isSoldOut })
    .from(menuItems)
    .where(and(eq(menuItems.id, input.itemId), eq(menuItems.storeId, input.storeId), isNull(menuItems.deletedAt)))
    .for("update");
  if (!before) throw notFound("menuItemNotFound", `menu item ${input.itemId} not found in this store`);
  await tx.update(menuItems).set({ isSoldOut: input.soldOut }).where(eq(menuItems.id, before.id));
  // Who switched it off at the counter is part of the store's trail, like the manager's edits.
  await recordAudit(tx, {
    actorId: input.actorId ?? null,
    storeId: input.storeId,
    action: "menu.item.sold_out",
    entityType: "menu_item",
    entityId: before.id,
    before: { isSoldOut: before.isSoldOut },
    after: { isSoldOut: input.soldOut },
  });
  // The store's other tablets grey it out (or bring it back) without a reload.
  await announceMenuChange(tx, { storeId: input.storeId, change: "menu.item.sold_out" });
  return { id: before.id, isSoldOut: input.soldOut };
}
