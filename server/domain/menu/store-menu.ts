import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { menuCategories, menuItemOptionGroups, menuItems, optionChoices, optionGroups } from "@/db/schema";

export type StoreMenu = Awaited<ReturnType<typeof loadStoreMenu>>;

/**
 * The whole menu of one store in display order: categories, items and their option groups.
 * Customers (kiosk, pay app) see only visible categories and active items; the manager's
 * editor asks for everything but what was deleted, which nobody sees again.
 */
export async function loadStoreMenu(args: { tx: DbOrTx; input: { storeId: string; includeHidden?: boolean } }) {
  const { tx, input } = args;
  const all = input.includeHidden === true;
  const [categories, items, groups] = await Promise.all([
    tx
      .select()
      .from(menuCategories)
      .where(and(eq(menuCategories.storeId, input.storeId), isNull(menuCategories.deletedAt)))
      .orderBy(asc(menuCategories.sortOrder)),
    tx
      .select()
      .from(menuItems)
      .where(and(eq(menuItems.storeId, input.storeId), isNull(menuItems.deletedAt)))
      .orderBy(asc(menuItems.sortOrder)),
    tx.select().from(optionGroups).where(and(eq(optionGroups.storeId, input.storeId), isNull(optionGroups.deletedAt))),
  ]);
  const groupIds = groups.map((g) => g.id);
  const [choices, links] = await Promise.all([
    groupIds.length
      ? tx.select().from(optionChoices).where(inArray(optionChoices.groupId, groupIds)).orderBy(asc(optionChoices.sortOrder))
      : [],
    groupIds.length
      ? tx.select().from(menuItemOptionGroups).where(inArray(menuItemOptionGroups.groupId, groupIds)).orderBy(asc(menuItemOptionGroups.sortOrder))
      : [],
  ]);
  const groupsWithChoices = new Map(
    groups.map((group) => [group.id, { ...group, choices: choices.filter((c) => c.groupId === group.id) }]),
  );
  return {
    categories: categories.filter((category) => all || category.isVisible).map((category) => ({
      ...category,
      items: items
        .filter((item) => item.categoryId === category.id && (all || item.isActive))
        .map((item) => ({
          ...item,
          optionGroups: links
            .filter((link) => link.itemId === item.id)
            .flatMap((link) => groupsWithChoices.get(link.groupId) ?? []),
        })),
    })),
    /** Every option group of the store, for the editor's picker (in a stable order). */
    optionGroups: all ? [...groupsWithChoices.values()].sort((a, b) => a.nameKo.localeCompare(b.nameKo, "ko")) : [],
  };
}
