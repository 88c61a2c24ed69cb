import { and, asc, count, eq, inArray, isNull, max } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { menuCategories, menuImages, menuItemOptionGroups, menuItems, optionChoices, optionGroups } from "@/db/schema";
import { recordAudit } from "../audit";
import { DomainError, notFound } from "../errors";
import { announceMenuChange } from "./events";
import type {
  CategoryInput,
  CategoryUpdateInput,
  ItemInput,
  ItemUpdateInput,
  OptionGroupInput,
  OptionGroupUpdateInput,
} from "./inputs";

/** Who edits, and the one store they may edit: every lookup below is scoped to it. */
export type MenuActor = { storeId: string; actorId: string; requestId?: string | null };

export const imageUrl = (imageId: string) => `/api/menu-images/${imageId}`;

const newCode = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

async function finish(tx: DbOrTx, actor: MenuActor, change: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown }) {
  await recordAudit(tx, { actorId: actor.actorId, requestId: actor.requestId ?? null, storeId: actor.storeId, ...change });
  await announceMenuChange(tx, { storeId: actor.storeId, change: change.action });
}

// ---------- categories ----------

export async function createCategory(args: { tx: DbOrTx; input: CategoryInput & MenuActor }) {
  const { tx, input } = args;
  const [last] = await tx.select({ value: max(menuCategories.sortOrder) }).from(menuCategories).where(eq(menuCategories.storeId, input.storeId));
  const [created] = await tx
    .insert(menuCategories)
    .values({ storeId: input.storeId, code: newCode("cat"), nameKo: input.nameKo, nameEn: input.nameEn, sortOrder: (last?.value ?? -1) + 1 })
    .returning();
  if (!created) throw new Error("category insert returned nothing");
  await finish(tx, input, { action: "menu.category.create", entityType: "menu_category", entityId: created.id, after: categorySnapshot(created) });
  return created;
}

export async function updateCategory(args: { tx: DbOrTx; input: CategoryUpdateInput & MenuActor }) {
  const { tx, input } = args;
  const before = await lockLiveCategory(tx, input);
  const [after] = await tx
    .update(menuCategories)
    .set({ nameKo: input.nameKo, nameEn: input.nameEn, isVisible: input.isVisible })
    .where(eq(menuCategories.id, before.id))
    .returning();
  if (!after) throw new Error("category update returned nothing");
  await finish(tx, input, {
    action: "menu.category.update",
    entityType: "menu_category",
    entityId: after.id,
    before: categorySnapshot(before),
    after: categorySnapshot(after),
  });
  return after;
}

/** The store's categories in the given order; the list must name each of them exactly once. */
export async function reorderCategories(args: { tx: DbOrTx; input: { ids: string[] } & MenuActor }) {
  const { tx, input } = args;
  const rows = await tx
    .select({ id: menuCategories.id, sortOrder: menuCategories.sortOrder })
    .from(menuCategories)
    .where(and(eq(menuCategories.storeId, input.storeId), isNull(menuCategories.deletedAt)))
    .orderBy(asc(menuCategories.sortOrder), asc(menuCategories.id))
    .for("update");
  sameMembers(rows.map((row) => row.id), input.ids);
  for (const [index, id] of input.ids.entries()) {
    await tx.update(menuCategories).set({ sortOrder: index }).where(eq(menuCategories.id, id));
  }
  await finish(tx, input, {
    action: "menu.category.reorder",
    entityType: "store",
    entityId: input.storeId,
    before: { order: rows.map((row) => row.id) },
    after: { order: input.ids },
  });
}

// ---------- items ----------

async function checkItemReferences(tx: DbOrTx, input: { storeId: string; categoryId: string; optionGroupIds: string[]; imageId?: string | null }) {
  const [category] = await tx
    .select({ id: menuCategories.id })
    .from(menuCategories)
    .where(and(eq(menuCategories.id, input.categoryId), eq(menuCategories.storeId, input.storeId), isNull(menuCategories.deletedAt)))
    // Shared lock: a delete of this category waits for the item to land, then sees it.
    .for("share");
  if (!category) throw new DomainError("BAD_REQUEST", "menuCategoryNotFound", "the category is not on this store's menu", { field: "categoryId" });
  if (input.optionGroupIds.length) {
    const groups = await tx
      .select({ id: optionGroups.id })
      .from(optionGroups)
      .where(and(inArray(optionGroups.id, input.optionGroupIds), eq(optionGroups.storeId, input.storeId), isNull(optionGroups.deletedAt)));
    if (groups.length !== input.optionGroupIds.length) {
      throw new DomainError("BAD_REQUEST", "optionGroupNotFound", "an option group is not this store's", { field: "optionGroupIds" });
    }
  }
  if (input.imageId) {
    const [image] = await tx
      .select({ id: menuImages.id })
      .from(menuImages)
      .where(and(eq(menuImages.id, input.imageId), eq(menuImages.storeId, input.storeId)));
    if (!image) throw new DomainError("BAD_REQUEST", "menuImageNotFound", "the picture was not uploaded for this store", { field: "imageId" });
  }
}

async function linkGroups(tx: DbOrTx, itemId: string, groupIds: string[]) {
  await tx.delete(menuItemOptionGroups).where(eq(menuItemOptionGroups.itemId, itemId));
  if (groupIds.length) {
    await tx.insert(menuItemOptionGroups).values(groupIds.map((groupId, index) => ({ itemId, groupId, sortOrder: index })));
  }
}

async function linkedGroupIds(tx: DbOrTx, itemId: string) {
  const rows = await tx
    .select({ groupId: menuItemOptionGroups.groupId })
    .from(menuItemOptionGroups)
    .where(eq(menuItemOptionGroups.itemId, itemId))
    .orderBy(asc(menuItemOptionGroups.sortOrder));
  return rows.map((row) => row.groupId);
}

export async function createItem(args: { tx: DbOrTx; input: ItemInput & MenuActor }) {
  const { tx, input } = args;
  await checkItemReferences(tx, input);
  const [last] = await tx.select({ value: max(menuItems.sortOrder) }).from(menuItems).where(eq(menuItems.categoryId, input.categoryId));
  const [created] = await tx
    .insert(menuItems)
    .values({
      storeId: input.storeId,
      categoryId: input.categoryId,
      code: newCode("item"),
      nameKo: input.nameKo,
      nameEn: input.nameEn,
      price: BigInt(input.price),
      imagePath: input.imageId ? imageUrl(input.imageId) : null,
      isSoldOut: input.isSoldOut,
      isActive: input.isActive,
      sortOrder: (last?.value ?? -1) + 1,
    })
    .returning();
  if (!created) throw new Error("item insert returned nothing");
  await linkGroups(tx, created.id, input.optionGroupIds);
  await finish(tx, input, {
    action: "menu.item.create",
    entityType: "menu_item",
    entityId: created.id,
    after: itemSnapshot(created, input.optionGroupIds),
  });
  return created;
}

export async function updateItem(args: { tx: DbOrTx; input: ItemUpdateInput & MenuActor }) {
  const { tx, input } = args;
  const before = await lockLiveItem(tx, input);
  await checkItemReferences(tx, input);
  const groupsBefore = await linkedGroupIds(tx, before.id);
  let sortOrder = before.sortOrder;
  if (input.categoryId !== before.categoryId) {
    // Moved to another category: it goes to the end of that one.
    const [last] = await tx.select({ value: max(menuItems.sortOrder) }).from(menuItems).where(eq(menuItems.categoryId, input.categoryId));
    sortOrder = (last?.value ?? -1) + 1;
  }
  const [after] = await tx
    .update(menuItems)
    .set({
      categoryId: input.categoryId,
      nameKo: input.nameKo,
      nameEn: input.nameEn,
      price: BigInt(input.price),
      isSoldOut: input.isSoldOut,
      isActive: input.isActive,
      sortOrder,
      ...(input.imageId === undefined ? {} : { imagePath: input.imageId ? imageUrl(input.imageId) : null }),
    })
    .where(eq(menuItems.id, before.id))
    .returning();
  if (!after) throw new Error("item update returned nothing");
  await linkGroups(tx, after.id, input.optionGroupIds);
  await finish(tx, input, {
    action: "menu.item.update",
    entityType: "menu_item",
    entityId: after.id,
    before: itemSnapshot(before, groupsBefore),
    after: itemSnapshot(after, input.optionGroupIds),
  });
  return after;
}

/** The items of one category in the given order; the list must name each of them exactly once. */
export async function reorderItems(args: { tx: DbOrTx; input: { categoryId: string; ids: string[] } & MenuActor }) {
  const { tx, input } = args;
  const rows = await tx
    .select({ id: menuItems.id })
    .from(menuItems)
    .where(and(eq(menuItems.categoryId, input.categoryId), eq(menuItems.storeId, input.storeId), isNull(menuItems.deletedAt)))
    .orderBy(asc(menuItems.sortOrder), asc(menuItems.id))
    .for("update");
  if (rows.length === 0) throw notFound("menuCategoryNotFound", `category ${input.categoryId} has no items in this store`);
  sameMembers(rows.map((row) => row.id), input.ids);
  for (const [index, id] of input.ids.entries()) {
    await tx.update(menuItems).set({ sortOrder: index }).where(eq(menuItems.id, id));
  }
  await finish(tx, input, {
    action: "menu.item.reorder",
    entityType: "menu_category",
    entityId: input.categoryId,
    before: { order: rows.map((row) => row.id) },
    after: { order: input.ids },
  });
}

// ---------- option groups ----------

export async function createOptionGroup(args: { tx: DbOrTx; input: OptionGroupInput & MenuActor }) {
  const { tx, input } = args;
  const [group] = await tx
    .insert(optionGroups)
    .values({ storeId: input.storeId, code: newCode("opt"), nameKo: input.nameKo, nameEn: input.nameEn, minSelect: input.minSelect, maxSelect: input.maxSelect })
    .returning();
  if (!group) throw new Error("option group insert returned nothing");
  const choices = await tx
    .insert(optionChoices)
    .values(
      input.choices.map((choice, index) => ({
        groupId: group.id,
        code: newCode("choice"),
        nameKo: choice.nameKo,
        nameEn: choice.nameEn,
        priceDelta: BigInt(choice.priceDelta),
        isDefault: choice.isDefault,
        sortOrder: index,
      })),
    )
    .returning();
  await finish(tx, input, { action: "menu.option_group.create", entityType: "option_group", entityId: group.id, after: groupSnapshot(group, choices) });
  return { ...group, choices };
}

/** Replaces a group's settings and choices: listed choices with an id are kept and updated, new ones added, the rest removed. */
export async function updateOptionGroup(args: { tx: DbOrTx; input: OptionGroupUpdateInput & MenuActor }) {
  const { tx, input } = args;
  const before = await lockLiveOptionGroup(tx, input);
  const choicesBefore = await tx.select().from(optionChoices).where(eq(optionChoices.groupId, before.id)).orderBy(asc(optionChoices.sortOrder));
  const known = new Set(choicesBefore.map((choice) => choice.id));
  for (const choice of input.choices) {
    if (choice.id && !known.has(choice.id)) {
      throw new DomainError("BAD_REQUEST", "optionChoiceNotFound", "a choice is not part of this group", { field: "choices" });
    }
  }
  const [group] = await tx
    .update(optionGroups)
    .set({ nameKo: input.nameKo, nameEn: input.nameEn, minSelect: input.minSelect, maxSelect: input.maxSelect })
    .where(eq(optionGroups.id, before.id))
    .returning();
  if (!group) throw new Error("option group update returned nothing");
  // Past orders keep their own copy of the options they had, so a removed choice can go.
  const kept = new Set(input.choices.flatMap((choice) => (choice.id ? [choice.id] : [])));
  const removed = choicesBefore.filter((choice) => !kept.has(choice.id)).map((choice) => choice.id);
  if (removed.length) await tx.delete(optionChoices).where(inArray(optionChoices.id, removed));
  for (const [index, choice] of input.choices.entries()) {
    const values = { nameKo: choice.nameKo, nameEn: choice.nameEn, priceDelta: BigInt(choice.priceDelta), isDefault: choice.isDefault, sortOrder: index };
    if (choice.id) await tx.update(optionChoices).set(values).where(eq(optionChoices.id, choice.id));
    else await tx.insert(optionChoices).values({ ...values, groupId: group.id, code: newCode("choice") });
  }
  const choices = await tx.select().from(optionChoices).where(eq(optionChoices.groupId, group.id)).orderBy(asc(optionChoices.sortOrder));
  await finish(tx, input, {
    action: "menu.option_group.update",
    entityType: "option_group",
    entityId: group.id,
    before: groupSnapshot(before, choicesBefore),
    after: groupSnapshot(group, choices),
  });
  return { ...group, choices };
}

// ---------- deleting ----------
// Deleted rows stay (order lines reference items; receipts and reports read the lines' own
// snapshot), marked with `deleted_at` so every menu reader and editor lookup leaves them out.

export type DeleteInput = { id: string; now: Date } & MenuActor;

/** Only an empty category goes: its items would otherwise vanish with it unnoticed. */
export async function deleteCategory(args: { tx: DbOrTx; input: DeleteInput }) {
  const { tx, input } = args;
  const before = await lockLiveCategory(tx, input);
  // Items are moved or created under a row lock on their category, so this count cannot go stale.
  const [items] = await tx
    .select({ value: count() })
    .from(menuItems)
    .where(and(eq(menuItems.categoryId, before.id), isNull(menuItems.deletedAt)));
  const remaining = items?.value ?? 0;
  if (remaining > 0) {
    throw new DomainError("CONFLICT", "menuCategoryNotEmpty", `the category still has ${remaining} items`, { count: remaining });
  }
  await tx.update(menuCategories).set({ deletedAt: input.now }).where(eq(menuCategories.id, before.id));
  await finish(tx, input, { action: "menu.category.delete", entityType: "menu_category", entityId: before.id, before: categorySnapshot(before) });
}

export async function deleteItem(args: { tx: DbOrTx; input: DeleteInput }) {
  const { tx, input } = args;
  const before = await lockLiveItem(tx, input);
  const groups = await linkedGroupIds(tx, before.id);
  await tx.update(menuItems).set({ deletedAt: input.now }).where(eq(menuItems.id, before.id));
  await finish(tx, input, { action: "menu.item.delete", entityType: "menu_item", entityId: before.id, before: itemSnapshot(before, groups) });
}

/** The group comes off every item that offered it; orders already placed keep the choices on their lines. */
export async function deleteOptionGroup(args: { tx: DbOrTx; input: DeleteInput }) {
  const { tx, input } = args;
  const before = await lockLiveOptionGroup(tx, input);
  const choices = await tx.select().from(optionChoices).where(eq(optionChoices.groupId, before.id)).orderBy(asc(optionChoices.sortOrder));
  const unlinked = await tx
    .delete(menuItemOptionGroups)
    .where(eq(menuItemOptionGroups.groupId, before.id))
    .returning({ itemId: menuItemOptionGroups.itemId });
  await tx.update(optionGroups).set({ deletedAt: input.now }).where(eq(optionGroups.id, before.id));
  await finish(tx, input, {
    action: "menu.option_group.delete",
    entityType: "option_group",
    entityId: before.id,
    before: { ...groupSnapshot(before, choices), usedByItemIds: unlinked.map((row) => row.itemId) },
  });
}

// ---------- helpers ----------

// A row of this store that is not deleted, locked for the change: another store's or a deleted
// one is "not found", so a manager never learns of rows outside their store.
async function lockLiveCategory(tx: DbOrTx, input: { id: string; storeId: string }) {
  const [row] = await tx
    .select()
    .from(menuCategories)
    .where(and(eq(menuCategories.id, input.id), eq(menuCategories.storeId, input.storeId), isNull(menuCategories.deletedAt)))
    .for("update");
  if (!row) throw notFound("menuCategoryNotFound", `category ${input.id} not found in this store`);
  return row;
}

async function lockLiveItem(tx: DbOrTx, input: { id: string; storeId: string }) {
  const [row] = await tx
    .select()
    .from(menuItems)
    .where(and(eq(menuItems.id, input.id), eq(menuItems.storeId, input.storeId), isNull(menuItems.deletedAt)))
    .for("update");
  if (!row) throw notFound("menuItemNotFound", `menu item ${input.id} not found in this store`);
  return row;
}

async function lockLiveOptionGroup(tx: DbOrTx, input: { id: string; storeId: string }) {
  const [row] = await tx
    .select()
    .from(optionGroups)
    .where(and(eq(optionGroups.id, input.id), eq(optionGroups.storeId, input.storeId), isNull(optionGroups.deletedAt)))
    .for("update");
  if (!row) throw notFound("optionGroupNotFound", `option group ${input.id} not found in this store`);
  return row;
}

function sameMembers(existing: string[], given: string[]) {
  const have = new Set(existing);
  if (given.length !== existing.length || given.some((id) => !have.has(id))) {
    throw new DomainError("CONFLICT", "menuOrderStale", "the order sent does not list exactly the current entries; reload and try again");
  }
}

type CategoryRow = typeof menuCategories.$inferSelect;
type ItemRow = typeof menuItems.$inferSelect;
type GroupRow = typeof optionGroups.$inferSelect;
type ChoiceRow = typeof optionChoices.$inferSelect;

const categorySnapshot = (row: CategoryRow) => ({ nameKo: row.nameKo, nameEn: row.nameEn, isVisible: row.isVisible, sortOrder: row.sortOrder });

const itemSnapshot = (row: ItemRow, optionGroupIds: string[]) => ({
  nameKo: row.nameKo,
  nameEn: row.nameEn,
  price: row.price,
  categoryId: row.categoryId,
  imagePath: row.imagePath,
  isSoldOut: row.isSoldOut,
  isActive: row.isActive,
  optionGroupIds,
});

const groupSnapshot = (group: GroupRow, choices: ChoiceRow[]) => ({
  nameKo: group.nameKo,
  nameEn: group.nameEn,
  minSelect: group.minSelect,
  maxSelect: group.maxSelect,
  choices: choices.map((choice) => ({ nameKo: choice.nameKo, nameEn: choice.nameEn, priceDelta: choice.priceDelta, isDefault: choice.isDefault })),
});
