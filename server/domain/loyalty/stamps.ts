import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { coupons, menuItems, stampCards, stampEvents, stampPrograms, type TenderKind } from "@/db/schema";
import { inScope } from "../pricing/discount";

export type StampOutcome = {
  programId: string;
  nameKo: string;
  nameEn: string;
  earned: number;
  balance: number;
  stampsPerReward: number;
  rewardCouponIds: string[];
};

type Program = typeof stampPrograms.$inferSelect;
type LineFacts = { id: string; menuItemId: string; quantity: number; netTotal: bigint };

export async function liveStampPrograms(tx: DbOrTx, storeId: string, now: Date) {
  return tx
    .select()
    .from(stampPrograms)
    .where(
      and(
        eq(stampPrograms.storeId, storeId),
        eq(stampPrograms.isActive, true),
        lte(stampPrograms.startsAt, now),
        or(isNull(stampPrograms.endsAt), gt(stampPrograms.endsAt, now)),
      ),
    )
    .orderBy(asc(stampPrograms.id));
}

/** The person's card in a program, created at 0 and locked for the rest of the transaction. */
async function lockCard(tx: DbOrTx, programId: string, userId: string) {
  await tx.insert(stampCards).values({ programId, userId, balance: 0 }).onConflictDoNothing();
  const [card] = await tx
    .select()
    .from(stampCards)
    .where(and(eq(stampCards.programId, programId), eq(stampCards.userId, userId)))
    .for("update");
  if (!card) throw new Error("stamps: card vanished");
  return card;
}

/**
 * Stamps for a paid order, per live program of the store, to the first payer:
 *   base = stampsPerItem × units of earning items (a unit a coupon made free earns nothing),
 *   earned = floor(base × (what earning tenders paid) / (what all tenders paid)),
 * so by default a meal voucher's share earns nothing. Each `stampsPerReward` stamps become a
 * reward coupon at once; a negative balance (stamps taken back after a used reward) fills first.
 */
export async function earnStamps(
  tx: DbOrTx,
  input: {
    order: { id: string; storeId: string; total: bigint };
    payerId: string | null;
    lines: readonly LineFacts[];
    tenders: readonly { kind: TenderKind; amount: bigint }[];
    now: Date;
  },
): Promise<StampOutcome[]> {
  const { payerId } = input;
  if (!payerId || input.lines.length === 0) return [];
  const programs = await liveStampPrograms(tx, input.order.storeId, input.now);
  if (programs.length === 0) return [];
  const paid = input.tenders.reduce((sum, tender) => sum + tender.amount, 0n);
  if (paid <= 0n) return [];
  const items = await tx
    .select({ id: menuItems.id, categoryId: menuItems.categoryId })
    .from(menuItems)
    .where(inArray(menuItems.id, [...new Set(input.lines.map((line) => line.menuItemId))]));

  const outcomes: StampOutcome[] = [];
  for (const program of programs) {
    const perLine: Record<string, number> = {};
    for (const line of input.lines) {
      const item = items.find((candidate) => candidate.id === line.menuItemId);
      if (!item || line.netTotal <= 0n || !inScope(program, item)) continue;
      perLine[line.id] = program.stampsPerItem * line.quantity;
    }
    const base = Object.values(perLine).reduce((sum, stamps) => sum + stamps, 0);
    const eligible = input.tenders.filter((tender) => program.earningTenders.includes(tender.kind)).reduce((sum, tender) => sum + tender.amount, 0n);
    const earned = Number((BigInt(base) * eligible) / paid);
    if (earned <= 0) continue;

    const card = await lockCard(tx, program.id, payerId);
    let balance = card.balance + earned;
    await tx.insert(stampEvents).values({
      programId: program.id,
      userId: payerId,
      kind: "earn",
      stamps: earned,
      orderId: input.order.id,
      lines: perLine,
      balanceAfter: balance,
      createdAt: input.now,
    });
    const rewardCouponIds: string[] = [];
    while (balance >= program.stampsPerReward) {
      balance -= program.stampsPerReward;
      const couponId = await issueRewardCoupon(tx, program, payerId, input.now);
      rewardCouponIds.push(couponId);
      await tx.insert(stampEvents).values({
        programId: program.id,
        userId: payerId,
        kind: "reward",
        stamps: -program.stampsPerReward,
        orderId: input.order.id,
        couponId,
        balanceAfter: balance,
        createdAt: input.now,
      });
    }
    await tx.update(stampCards).set({ balance, updatedAt: input.now }).where(and(eq(stampCards.programId, program.id), eq(stampCards.userId, payerId)));
    outcomes.push({
      programId: program.id,
      nameKo: program.nameKo,
      nameEn: program.nameEn,
      earned,
      balance,
      stampsPerReward: program.stampsPerReward,
      rewardCouponIds,
    });
  }
  return outcomes;
}

const DAY_MS = 24 * 60 * 60 * 1000;

async function issueRewardCoupon(tx: DbOrTx, program: Program, userId: string, now: Date) {
  const [coupon] = await tx
    .insert(coupons)
    .values({
      userId,
      source: "reward",
      programId: program.id,
      storeId: program.storeId,
      nameKo: program.nameKo,
      nameEn: program.nameEn,
      maxValue: program.rewardMaxValue,
      itemIds: program.rewardItemIds,
      categoryIds: program.rewardCategoryIds,
      validFrom: now,
      expiresAt: new Date(now.getTime() + program.couponValidDays * DAY_MS),
      createdAt: now,
    })
    .returning({ id: coupons.id });
  if (!coupon) throw new Error("stamps: coupon insert returned nothing");
  return coupon.id;
}

/**
 * Takes back the stamps a refund's lines earned, proportionally: after this refund the order
 * has given back floor(earned × refunded base / base) stamps in all (everything when the
 * order is wholly refunded). A balance pushed below zero first revokes the program's newest
 * unused reward coupon (its stamps return); with none left unused it stays negative and the
 * next stamps earned fill it first. Reward coupons must already be locked (`lockRefundCoupons`).
 */
export async function takeBackStamps(
  tx: DbOrTx,
  input: {
    orderId: string;
    refundId: string;
    /** Every line of the order with its refunded quantity after this refund. */
    lines: readonly { id: string; quantity: number; refundedQuantity: number }[];
    now: Date;
  },
) {
  const events = await tx
    .select({ programId: stampEvents.programId, userId: stampEvents.userId, kind: stampEvents.kind, stamps: stampEvents.stamps, lines: stampEvents.lines })
    .from(stampEvents)
    .where(and(eq(stampEvents.orderId, input.orderId), inArray(stampEvents.kind, ["earn", "take_back"])))
    .orderBy(asc(stampEvents.programId));
  const earns = events.filter((event) => event.kind === "earn");
  for (const earn of earns) {
    const perLine = earn.lines ?? {};
    const base = Object.values(perLine).reduce((sum, stamps) => sum + stamps, 0);
    if (base <= 0) continue;
    const refundedBase = input.lines.reduce((sum, line) => {
      const lineBase = perLine[line.id] ?? 0;
      // lineBase = stamps per item × quantity, so this is exact.
      return sum + (lineBase * line.refundedQuantity) / line.quantity;
    }, 0);
    const target = refundedBase >= base ? earn.stamps : Math.floor((earn.stamps * refundedBase) / base);
    const already = -events
      .filter((event) => event.kind === "take_back" && event.programId === earn.programId && event.userId === earn.userId)
      .reduce((sum, event) => sum + event.stamps, 0);
    const takeBack = target - already;
    if (takeBack <= 0) continue;

    const [program] = await tx.select().from(stampPrograms).where(eq(stampPrograms.id, earn.programId));
    if (!program) continue;
    const card = await lockCard(tx, earn.programId, earn.userId);
    let balance = card.balance - takeBack;
    await tx.insert(stampEvents).values({
      programId: earn.programId,
      userId: earn.userId,
      kind: "take_back",
      stamps: -takeBack,
      orderId: input.orderId,
      refundId: input.refundId,
      balanceAfter: balance,
      createdAt: input.now,
    });
    while (balance < 0) {
      const [unused] = await tx
        .select({ id: coupons.id })
        .from(coupons)
        .where(
          and(
            eq(coupons.programId, program.id),
            eq(coupons.userId, earn.userId),
            eq(coupons.source, "reward"),
            eq(coupons.status, "active"),
            gt(coupons.expiresAt, input.now),
          ),
        )
        .orderBy(desc(coupons.createdAt), desc(coupons.id))
        .limit(1);
      if (!unused) break;
      await tx.update(coupons).set({ status: "revoked", revokedAt: input.now }).where(eq(coupons.id, unused.id));
      // The stamps the coupon cost when issued, not today's stampsPerReward: the program may have been edited since.
      const [issued] = await tx
        .select({ stamps: stampEvents.stamps })
        .from(stampEvents)
        .where(and(eq(stampEvents.userId, earn.userId), eq(stampEvents.couponId, unused.id), eq(stampEvents.kind, "reward")))
        .limit(1);
      const returned = issued ? -issued.stamps : program.stampsPerReward;
      balance += returned;
      await tx.insert(stampEvents).values({
        programId: program.id,
        userId: earn.userId,
        kind: "reward_revoked",
        stamps: returned,
        orderId: input.orderId,
        refundId: input.refundId,
        couponId: unused.id,
        balanceAfter: balance,
        createdAt: input.now,
      });
    }
    await tx
      .update(stampCards)
      .set({ balance, updatedAt: input.now })
      .where(and(eq(stampCards.programId, earn.programId), eq(stampCards.userId, earn.userId)));
  }
}

/**
 * Before a refund locks any account: the coupons it may touch — the ones this order used
 * (given back) and the payer's unused reward coupons (possibly revoked) — locked in id order,
 * keeping the one lock order of money transactions (coupons → uses → accounts → stamp cards).
 */
export async function lockRefundCoupons(tx: DbOrTx, input: { orderId: string; payerIds: string[] }) {
  await tx
    .select({ id: coupons.id })
    .from(coupons)
    .where(
      or(
        eq(coupons.usedOrderId, input.orderId),
        input.payerIds.length
          ? and(inArray(coupons.userId, input.payerIds), eq(coupons.source, "reward"), eq(coupons.status, "active"))
          : sql`false`,
      ),
    )
    .orderBy(asc(coupons.id))
    .for("update");
}

/** A person's cards in the store's programs (or every program) and their stamp history, newest first. */
export async function myStamps(tx: DbOrTx, input: { userId: string; limit?: number }) {
  const [cards, history] = await Promise.all([
    tx
      .select({
        programId: stampPrograms.id,
        nameKo: stampPrograms.nameKo,
        nameEn: stampPrograms.nameEn,
        storeId: stampPrograms.storeId,
        stampsPerReward: stampPrograms.stampsPerReward,
        isActive: stampPrograms.isActive,
        endsAt: stampPrograms.endsAt,
        balance: sql<number>`coalesce(${stampCards.balance}, 0)`,
      })
      .from(stampPrograms)
      .leftJoin(stampCards, and(eq(stampCards.programId, stampPrograms.id), eq(stampCards.userId, input.userId)))
      .where(eq(stampPrograms.isActive, true))
      .orderBy(asc(stampPrograms.createdAt)),
    tx
      .select({
        id: stampEvents.id,
        programId: stampEvents.programId,
        kind: stampEvents.kind,
        stamps: stampEvents.stamps,
        balanceAfter: stampEvents.balanceAfter,
        orderId: stampEvents.orderId,
        couponId: stampEvents.couponId,
        createdAt: stampEvents.createdAt,
      })
      .from(stampEvents)
      .where(eq(stampEvents.userId, input.userId))
      .orderBy(desc(stampEvents.createdAt), desc(stampEvents.id))
      .limit(input.limit ?? 50),
  ]);
  return { cards: cards.map((card) => ({ ...card, balance: Number(card.balance) })), history };
}
