import { and, eq, getTableColumns, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  menuCategories,
  menuItemOptionGroups,
  menuItems,
  optionChoices,
  optionGroups,
  orderLines,
  orders,
  stores,
  type OrderLineOption,
} from "@/db/schema";
import { DomainError } from "../errors";
import { assertOpenForOrderAhead } from "../stores/hours";
import { MAX_WON } from "../money";
import { priceOrder, recordClaims, type ListLine, type PricingMode } from "../pricing/price-order";

export type OrderLineInput = { itemId: string; quantity: number; optionIds: string[] };

export type CreateOrderInput = {
  storeId: string;
  lines: OrderLineInput[];
  source: "kiosk" | "pay_app";
  createdBy: string;
  now: Date;
  /** Taken beforehand with takePickupNumber on the pool; when absent it is taken inside `tx`. */
  pickup?: Pickup;
  /** Who the order is for: limited promotions count against them and coupons must be theirs. */
  payerId?: string | null;
  couponIds?: string[];
};

const invalid = (messageKey: string, message: string, details?: Record<string, string | number>) =>
  new DomainError("BAD_REQUEST", messageKey, message, details);

/**
 * Reads every line's item and options from the database (never from the client), checks the
 * chosen options against each group's min/max and returns the list price of each line.
 */
export async function resolveListLines(tx: DbOrTx, input: { storeId: string; lines: OrderLineInput[] }) {
  const itemIds = [...new Set(input.lines.map((line) => line.itemId))];
  // Independent reads, sent together on the transaction's connection.
  const [[store], items, links, choices] = await Promise.all([
    tx.select().from(stores).where(eq(stores.id, input.storeId)),
    // An item of a hidden category is off the menu, like an inactive or deleted one.
    tx
      .select(getTableColumns(menuItems))
      .from(menuItems)
      .innerJoin(menuCategories, eq(menuCategories.id, menuItems.categoryId))
      .where(and(inArray(menuItems.id, itemIds), eq(menuItems.storeId, input.storeId), eq(menuCategories.isVisible, true), isNull(menuItems.deletedAt), isNull(menuCategories.deletedAt))),
    tx
      .select({ itemId: menuItemOptionGroups.itemId, group: optionGroups })
      .from(menuItemOptionGroups)
      .innerJoin(optionGroups, eq(optionGroups.id, menuItemOptionGroups.groupId))
      .where(and(inArray(menuItemOptionGroups.itemId, itemIds), isNull(optionGroups.deletedAt))),
    tx
      .selectDistinct({ choice: optionChoices })
      .from(optionChoices)
      .innerJoin(menuItemOptionGroups, eq(menuItemOptionGroups.groupId, optionChoices.groupId))
      .where(inArray(menuItemOptionGroups.itemId, itemIds))
      .then((rows) => rows.map((row) => row.choice)),
  ]);
  if (!store) throw new DomainError("NOT_FOUND", "storeNotFound", "store not found");

  const listLines: ListLine[] = input.lines.map((line, index) => {
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
    return {
      cartIndex: index,
      item: { id: item.id, categoryId: item.categoryId, nameKo: item.nameKo, nameEn: item.nameEn },
      options,
      unitPrice,
      quantity: line.quantity,
    };
  });
  const listTotal = listLines.reduce((sum, line) => sum + line.unitPrice * BigInt(line.quantity), 0n);
  if (listTotal > MAX_WON) throw invalid("orderTooLarge", `an order cannot exceed ${MAX_WON} won`);
  return { store, lines: listLines };
}

/**
 * Prices the order (list price → promotions → coupons, `priceOrder`) and writes it with a
 * snapshot of names, list prices, discounts and net prices, and the store's next pickup
 * number for the day. In claim mode (every real order) the payer's promotion uses and
 * coupons are taken in the same transaction.
 */
export async function createOrder(args: { tx: DbOrTx; input: CreateOrderInput; mode?: PricingMode }) {
  const { tx, input } = args;
  const { store, lines: listLines } = await resolveListLines(tx, input);
  // The kiosk may sell a minute early (a barista is there); an order from a phone may not.
  if (input.source === "pay_app") assertOpenForOrderAhead(store, input.now);
  const priced = await priceOrder({
    tx,
    input: {
      storeId: store.id,
      timeZone: store.timeZone,
      lines: listLines,
      payerId: input.payerId ?? null,
      couponIds: input.couponIds ?? [],
      now: input.now,
      mode: args.mode ?? "claim",
    },
  });
  const subtotal = priced.subtotal;
  const discount = priced.promotionDiscount + priced.couponDiscount;

  const pickup = input.pickup ?? (await takePickupNumber(tx, store.id, input.now));

  const [order] = await tx
    .insert(orders)
    .values({
      storeId: store.id,
      businessDate: pickup.businessDate,
      pickupNumber: pickup.number,
      source: input.source,
      createdBy: input.createdBy,
      subtotal,
      discount,
      total: priced.total,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning();
  if (!order) throw new Error("order insert returned nothing");
  const lines = await tx
    .insert(orderLines)
    .values(
      priced.lines.map((line, index) => ({
        orderId: order.id,
        lineNo: index + 1,
        menuItemId: line.item.id,
        nameKo: line.item.nameKo,
        nameEn: line.item.nameEn,
        options: line.options,
        unitPrice: line.unitPrice,
        quantity: line.quantity,
        lineTotal: line.lineTotal,
        promotionId: line.promotionId,
        promotionDiscount: line.promotionDiscount,
        couponId: line.couponId,
        couponDiscount: line.couponDiscount,
        netTotal: line.netTotal,
      })),
    )
    .returning();
  await recordClaims(tx, { priced, payerId: input.payerId ?? null, orderId: order.id, now: input.now });
  return { ...order, lines, priced };
}

export type Pickup = { number: number; businessDate: string };

/**
 * The store's next pickup number for its calendar day at `now`, in one statement. Called
 * on the pool before the order's own transaction, so the counter row is locked only for
 * this statement; inside the transaction every order of the store would queue on it until
 * the order (and its payment) commits. An order that then fails leaves a gap in the day's
 * numbers, which is harmless.
 */
export async function takePickupNumber(db: DbOrTx, storeId: string, now: Date): Promise<Pickup> {
  const rows = (await db.execute(sql`
    insert into store_daily_counters (store_id, business_date, last_number)
    select id, (${now.toISOString()}::timestamptz at time zone time_zone)::date, 1 from stores where id = ${storeId}
    on conflict (store_id, business_date) do update set last_number = store_daily_counters.last_number + 1
    returning last_number, business_date::text`)) as unknown as { last_number: number; business_date: string }[];
  const [row] = rows;
  if (!row) throw new DomainError("NOT_FOUND", "storeNotFound", "store not found");
  return { number: row.last_number, businessDate: row.business_date };
}
