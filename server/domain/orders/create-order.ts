import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  menuItemOptionGroups,
  menuItems,
  optionChoices,
  optionGroups,
  orderLines,
  orders,
  storeDailyCounters,
  stores,
  type OrderLineOption,
} from "@/db/schema";
import { DomainError } from "../errors";
import { MAX_WON } from "../money";
import { businessDate } from "../time";

export type OrderLineInput = { itemId: string; quantity: number; optionIds: string[] };

export type CreateOrderInput = {
  storeId: string;
  lines: OrderLineInput[];
  source: "kiosk" | "pay_app";
  createdBy: string;
  now: Date;
};

const invalid = (messageKey: string, message: string, details?: Record<string, string | number>) =>
  new DomainError("BAD_REQUEST", messageKey, message, details);

/**
 * Prices every line from the database (never from the client), checks the chosen options
 * against each group's min/max, and writes the order with a snapshot of names and prices
 * and the store's next pickup number for the day.
 */
export async function createOrder(args: { tx: DbOrTx; input: CreateOrderInput; counters?: DbOrTx }) {
  const { tx, input } = args;
  const [store] = await tx.select().from(stores).where(eq(stores.id, input.storeId));
  if (!store) throw new DomainError("NOT_FOUND", "storeNotFound", "store not found");

  const itemIds = [...new Set(input.lines.map((line) => line.itemId))];
  const items = await tx
    .select()
    .from(menuItems)
    .where(and(inArray(menuItems.id, itemIds), eq(menuItems.storeId, input.storeId)));
  const links = await tx
    .select({ itemId: menuItemOptionGroups.itemId, group: optionGroups })
    .from(menuItemOptionGroups)
    .innerJoin(optionGroups, eq(optionGroups.id, menuItemOptionGroups.groupId))
    .where(inArray(menuItemOptionGroups.itemId, itemIds));
  const groupIds = [...new Set(links.map((link) => link.group.id))];
  const choices = groupIds.length
    ? await tx.select().from(optionChoices).where(inArray(optionChoices.groupId, groupIds))
    : [];

  const priced = input.lines.map((line, index) => {
    const lineNo = index + 1;
    const item = items.find((candidate) => candidate.id === line.itemId);
    if (!item || !item.isActive) throw invalid("menuItemNotFound", `line ${lineNo}: item not on this store's menu`, { line: lineNo });
    if (item.isSoldOut) throw invalid("menuItemSoldOut", `line ${lineNo}: ${item.nameEn} is sold out`, { line: lineNo, item: item.nameKo });
    if (new Set(line.optionIds).size !== line.optionIds.length) {
      throw invalid("optionRepeated", `line ${lineNo}: an option was chosen twice`, { line: lineNo });
    }
    const groups = links.filter((link) => link.itemId === item.id).map((link) => link.group);
    const chosen = line.optionIds.map((optionId) => {
      const choice = choices.find((candidate) => candidate.id === optionId);
      const group = choice && groups.find((candidate) => candidate.id === choice.groupId);
      if (!choice || !group) throw invalid("optionNotForItem", `line ${lineNo}: option not offered for ${item.nameEn}`, { line: lineNo });
      return { choice, group };
    });
    for (const group of groups) {
      const count = chosen.filter((entry) => entry.group.id === group.id).length;
      if (count < group.minSelect || count > group.maxSelect) {
        throw invalid(
          count < group.minSelect ? "optionRequired" : "optionTooMany",
          `line ${lineNo}: ${group.nameEn} needs ${group.minSelect}–${group.maxSelect} choices, got ${count}`,
          { line: lineNo, group: group.nameKo, min: group.minSelect, max: group.maxSelect },
        );
      }
    }
    const options: OrderLineOption[] = chosen.map(({ choice, group }) => ({
      groupCode: group.code,
      choiceId: choice.id,
      choiceCode: choice.code,
      nameKo: choice.nameKo,
      nameEn: choice.nameEn,
      priceDelta: choice.priceDelta.toString(),
    }));
    const unitPrice = item.price + chosen.reduce((sum, entry) => sum + entry.choice.priceDelta, 0n);
    return { lineNo, item, options, unitPrice, quantity: line.quantity, lineTotal: unitPrice * BigInt(line.quantity) };
  });

  const subtotal = priced.reduce((sum, line) => sum + line.lineTotal, 0n);
  if (subtotal > MAX_WON) throw invalid("orderTooLarge", `an order cannot exceed ${MAX_WON} won`);

  const day = businessDate(input.now, store.timeZone);
  // Given the pool, the number is taken in its own tiny transaction: otherwise every order
  // of the store would queue on this one row until the order (and its payment) commits.
  // A rolled-back order then leaves a gap in the day's numbers, which the counter tolerates.
  const [counter] = await (args.counters ?? tx)
    .insert(storeDailyCounters)
    .values({ storeId: store.id, businessDate: day, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [storeDailyCounters.storeId, storeDailyCounters.businessDate],
      set: { lastNumber: sql`${storeDailyCounters.lastNumber} + 1` },
    })
    .returning({ number: storeDailyCounters.lastNumber });
  if (!counter) throw new Error("pickup counter returned nothing");

  const [order] = await tx
    .insert(orders)
    .values({
      storeId: store.id,
      businessDate: day,
      pickupNumber: counter.number,
      source: input.source,
      createdBy: input.createdBy,
      subtotal,
      discount: 0n,
      total: subtotal,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning();
  if (!order) throw new Error("order insert returned nothing");
  const lines = await tx
    .insert(orderLines)
    .values(
      priced.map((line) => ({
        orderId: order.id,
        lineNo: line.lineNo,
        menuItemId: line.item.id,
        nameKo: line.item.nameKo,
        nameEn: line.item.nameEn,
        options: line.options,
        unitPrice: line.unitPrice,
        quantity: line.quantity,
        lineTotal: line.lineTotal,
      })),
    )
    .returning();
  return { ...order, lines };
}
