import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, coupons, ledgerEntries, ledgerTransfers, menuCategories, menuItems, promotions, stampPrograms } from "@/db/schema";
import type { TenderKind } from "@/db/schema";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";

export type PromotionInput = {
  nameKo: string;
  nameEn: string;
  kind: "percent" | "fixed";
  value: bigint;
  itemIds: string[];
  categoryIds: string[];
  storeIds: string[];
  startsAt: Date;
  endsAt: Date;
  dailyStart: string | null;
  dailyEnd: string | null;
  weekdays: number[];
  perPersonDailyLimit: number | null;
};

function checkPromotion(input: PromotionInput) {
  if (input.kind === "percent" && (input.value < 1n || input.value > 100n)) {
    throw new DomainError("BAD_REQUEST", "promotionPercentRange", "a percentage is between 1 and 100");
  }
  if (input.endsAt <= input.startsAt) throw new DomainError("BAD_REQUEST", "promotionRange", "the end must come after the start");
  if ((input.dailyStart === null) !== (input.dailyEnd === null) || (input.dailyStart && input.dailyEnd && input.dailyEnd <= input.dailyStart)) {
    throw new DomainError("BAD_REQUEST", "promotionHours", "daily hours need a start before the end");
  }
  if (input.itemIds.length + input.categoryIds.length === 0) {
    throw new DomainError("BAD_REQUEST", "promotionScope", "choose at least one item or category");
  }
}

/** Items and categories named must belong to the stores named (a manager's own store). */
async function checkScope(tx: DbOrTx, input: { itemIds: string[]; categoryIds: string[]; storeIds: string[] }) {
  const [items, categories] = await Promise.all([
    input.itemIds.length ? tx.select({ id: menuItems.id, storeId: menuItems.storeId }).from(menuItems).where(and(inArray(menuItems.id, input.itemIds), isNull(menuItems.deletedAt))) : [],
    input.categoryIds.length
      ? tx.select({ id: menuCategories.id, storeId: menuCategories.storeId }).from(menuCategories).where(and(inArray(menuCategories.id, input.categoryIds), isNull(menuCategories.deletedAt)))
      : [],
  ]);
  const ok = (rows: { id: string; storeId: string }[], ids: string[]) =>
    ids.every((id) => rows.some((row) => row.id === id && input.storeIds.includes(row.storeId)));
  if (!ok(items, input.itemIds) || !ok(categories, input.categoryIds)) {
    throw new DomainError("BAD_REQUEST", "promotionScopeStore", "an item or category is not on this store's menu");
  }
}

/** A promotion of several stores belongs to none of them in the audit log's store filter. */
const soleStore = (storeIds: string[]) => (storeIds.length === 1 ? (storeIds[0] ?? null) : null);

export async function createPromotion(args: { tx: DbOrTx; input: PromotionInput & { actorId: string; now: Date } }) {
  const { tx, input } = args;
  checkPromotion(input);
  await checkScope(tx, input);
  const { actorId, now, ...values } = input;
  const [row] = await tx
    .insert(promotions)
    .values({ ...values, weekdays: [...new Set(input.weekdays)].sort(), createdBy: actorId, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error("promotion insert returned nothing");
  await recordAudit(tx, { actorId, storeId: soleStore(row.storeIds), action: "promotion.create", entityType: "promotion", entityId: row.id, after: row });
  return row;
}

async function lockPromotion(tx: DbOrTx, input: { promotionId: string; storeId: string | null }) {
  const [row] = await tx.select().from(promotions).where(eq(promotions.id, input.promotionId)).for("update");
  if (!row || (input.storeId && !row.storeIds.includes(input.storeId))) {
    throw new DomainError("NOT_FOUND", "promotionNotFound", "promotion not found");
  }
  return row;
}

/**
 * Replaces what a promotion gives from now on. Discounts already on orders are stored amounts
 * and stay; the stores it runs in stay, so a manager cannot move it to another store's menu.
 */
export async function updatePromotion(args: {
  tx: DbOrTx;
  input: Omit<PromotionInput, "storeIds"> & { promotionId: string; storeId: string | null; actorId: string; now: Date };
}) {
  const { tx, input } = args;
  const before = await lockPromotion(tx, input);
  const { promotionId, storeId, actorId, now, ...values } = input;
  checkPromotion({ ...values, storeIds: before.storeIds });
  await checkScope(tx, { ...values, storeIds: before.storeIds });
  const [after] = await tx
    .update(promotions)
    .set({ ...values, weekdays: [...new Set(values.weekdays)].sort(), updatedAt: now })
    .where(eq(promotions.id, promotionId))
    .returning();
  if (!after) throw new Error("promotion update returned nothing");
  await recordAudit(tx, { actorId, action: "promotion.update", entityType: "promotion", entityId: promotionId, before, after });
  return after;
}

/** Switches a promotion off (or on again); its past discounts stay on their orders. */
export async function setPromotionActive(args: { tx: DbOrTx; input: { promotionId: string; storeId: string | null; isActive: boolean; actorId: string; now: Date } }) {
  const { tx, input } = args;
  const before = await lockPromotion(tx, input);
  const [after] = await tx
    .update(promotions)
    .set({ isActive: input.isActive, updatedAt: input.now })
    .where(eq(promotions.id, input.promotionId))
    .returning();
  await recordAudit(tx, { actorId: input.actorId, storeId: soleStore(before.storeIds), action: "promotion.set_active", entityType: "promotion", entityId: input.promotionId, before, after });
  return after;
}

export async function listPromotions(tx: DbOrTx, input: { storeId: string | null }) {
  return tx
    .select()
    .from(promotions)
    .where(input.storeId ? sql`${input.storeId}::uuid = any(${promotions.storeIds})` : undefined)
    .orderBy(desc(promotions.createdAt))
    .limit(200);
}

export type StampProgramInput = {
  storeId: string;
  nameKo: string;
  nameEn: string;
  itemIds: string[];
  categoryIds: string[];
  stampsPerItem: number;
  stampsPerReward: number;
  earningTenders: TenderKind[];
  rewardMaxValue: bigint;
  rewardItemIds: string[];
  rewardCategoryIds: string[];
  couponValidDays: number;
  startsAt: Date;
  endsAt: Date | null;
};

async function checkStampProgram(tx: DbOrTx, input: StampProgramInput) {
  if (input.endsAt && input.endsAt <= input.startsAt) throw new DomainError("BAD_REQUEST", "promotionRange", "the end must come after the start");
  if (input.earningTenders.length === 0) throw new DomainError("BAD_REQUEST", "stampTendersEmpty", "choose at least one tender that earns stamps");
  await checkScope(tx, { itemIds: [...input.itemIds, ...input.rewardItemIds], categoryIds: [...input.categoryIds, ...input.rewardCategoryIds], storeIds: [input.storeId] });
}

export async function createStampProgram(args: { tx: DbOrTx; input: StampProgramInput & { actorId: string; now: Date } }) {
  const { tx, input } = args;
  await checkStampProgram(tx, input);
  const { actorId, now, ...values } = input;
  const [row] = await tx.insert(stampPrograms).values({ ...values, createdBy: actorId, createdAt: now, updatedAt: now }).returning();
  if (!row) throw new Error("stamp program insert returned nothing");
  await recordAudit(tx, { actorId, storeId: row.storeId, action: "stamp_program.create", entityType: "stamp_program", entityId: row.id, after: row });
  return row;
}

async function lockStampProgram(tx: DbOrTx, input: { programId: string; storeId: string | null }) {
  const [row] = await tx.select().from(stampPrograms).where(eq(stampPrograms.id, input.programId)).for("update");
  if (!row || (input.storeId && row.storeId !== input.storeId)) throw new DomainError("NOT_FOUND", "stampProgramNotFound", "stamp program not found");
  return row;
}

/**
 * Replaces the rules from now on. Reward coupons already issued keep their stored value and
 * items, and cards keep their balances: a new `stampsPerReward` decides the next reward, so a
 * balance already at or past it turns into a coupon on the holder's next earning payment.
 */
export async function updateStampProgram(args: {
  tx: DbOrTx;
  input: Omit<StampProgramInput, "storeId"> & { programId: string; storeId: string | null; actorId: string; now: Date };
}) {
  const { tx, input } = args;
  const before = await lockStampProgram(tx, input);
  const { programId, storeId, actorId, now, ...values } = input;
  await checkStampProgram(tx, { ...values, storeId: before.storeId });
  const [after] = await tx.update(stampPrograms).set({ ...values, updatedAt: now }).where(eq(stampPrograms.id, programId)).returning();
  if (!after) throw new Error("stamp program update returned nothing");
  await recordAudit(tx, { actorId, action: "stamp_program.update", entityType: "stamp_program", entityId: programId, before, after });
  return after;
}

export async function setStampProgramActive(args: { tx: DbOrTx; input: { programId: string; storeId: string | null; isActive: boolean; actorId: string; now: Date } }) {
  const { tx, input } = args;
  const before = await lockStampProgram(tx, input);
  const [after] = await tx
    .update(stampPrograms)
    .set({ isActive: input.isActive, updatedAt: input.now })
    .where(eq(stampPrograms.id, input.programId))
    .returning();
  await recordAudit(tx, { actorId: input.actorId, storeId: before.storeId, action: "stamp_program.set_active", entityType: "stamp_program", entityId: input.programId, before, after });
  return after;
}

export async function listStampPrograms(tx: DbOrTx, input: { storeId: string | null }) {
  return tx
    .select()
    .from(stampPrograms)
    .where(input.storeId ? eq(stampPrograms.storeId, input.storeId) : undefined)
    .orderBy(desc(stampPrograms.createdAt))
    .limit(200);
}

/**
 * What each promotion, stamp program's rewards and coupon handout cost, read from the ledger:
 * the net of the expense accounts' entries on transfers tagged with the promotion or coupon
 * (a refund's reversal lowers the cost again).
 */
export async function loyaltyCostReport(tx: DbOrTx, input: { storeId: string | null }) {
  const cost = sql<string>`(-sum(${ledgerEntries.amount}))::text`;
  const promotionRows = await tx
    .select({ promotionId: ledgerTransfers.promotionId, nameKo: promotions.nameKo, nameEn: promotions.nameEn, cost, orders: sql<number>`count(distinct ${ledgerTransfers.orderId})::int` })
    .from(ledgerTransfers)
    .innerJoin(ledgerEntries, eq(ledgerEntries.transferId, ledgerTransfers.id))
    .innerJoin(accounts, and(eq(accounts.id, ledgerEntries.accountId), eq(accounts.kind, "promotion_expense")))
    .innerJoin(promotions, eq(promotions.id, ledgerTransfers.promotionId))
    .where(and(isNotNull(ledgerTransfers.promotionId), input.storeId ? sql`${input.storeId}::uuid = any(${promotions.storeIds})` : undefined))
    .groupBy(ledgerTransfers.promotionId, promotions.nameKo, promotions.nameEn, promotions.createdAt)
    .orderBy(asc(promotions.createdAt));
  const couponRows = await tx
    .select({
      source: coupons.source,
      programId: coupons.programId,
      nameKo: coupons.nameKo,
      nameEn: coupons.nameEn,
      cost,
      coupons: sql<number>`count(distinct ${coupons.id})::int`,
    })
    .from(ledgerTransfers)
    .innerJoin(ledgerEntries, eq(ledgerEntries.transferId, ledgerTransfers.id))
    .innerJoin(accounts, and(eq(accounts.id, ledgerEntries.accountId), eq(accounts.kind, "coupon_expense")))
    .innerJoin(coupons, eq(coupons.id, ledgerTransfers.couponId))
    .where(input.storeId ? sql`(${coupons.storeId} = ${input.storeId}::uuid or ${coupons.storeId} is null)` : undefined)
    .groupBy(coupons.source, coupons.programId, coupons.handoutId, coupons.nameKo, coupons.nameEn)
    .orderBy(asc(coupons.nameKo));
  return {
    promotions: promotionRows.map((row) => ({ ...row, cost: BigInt(row.cost) })),
    rewards: couponRows.map((row) => ({ ...row, cost: BigInt(row.cost) })),
  };
}
