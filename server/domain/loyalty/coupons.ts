import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { couponHandouts, coupons, orderLines, orders, promotionUses, users } from "@/db/schema";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { translateDatabaseError } from "../idempotency";
import { verifyPayCode, countingPayCodeFailures } from "../paycode/verify";
import { inScope } from "../pricing/discount";
import { resolveListLines, type OrderLineInput } from "../orders/create-order";

type OrderLine = typeof orderLines.$inferSelect;

/**
 * What a refund (or the cancel of an unpaid order) gives back besides money: the payer's
 * daily uses of limited promotions for the refunded units, and the coupon of a refunded
 * coupon line — usable again if it has not expired meanwhile (an expired one stays used).
 */
export async function giveBackLineClaims(
  tx: DbOrTx,
  input: { order: { id: string; payerId: string | null; createdBy: string | null; businessDate: string }; lines: { line: OrderLine; quantity: number }[]; now: Date },
) {
  const person = input.order.payerId ?? input.order.createdBy;
  const byPromotion = new Map<string, number>();
  for (const { line, quantity } of input.lines) {
    if (line.promotionId) byPromotion.set(line.promotionId, (byPromotion.get(line.promotionId) ?? 0) + quantity);
  }
  if (person) {
    for (const [promotionId, quantity] of [...byPromotion].sort(([a], [b]) => a.localeCompare(b))) {
      await tx
        .update(promotionUses)
        .set({ quantity: sql`greatest(${promotionUses.quantity} - ${quantity}, 0)` })
        .where(
          and(
            eq(promotionUses.promotionId, promotionId),
            eq(promotionUses.userId, person),
            eq(promotionUses.businessDate, input.order.businessDate),
          ),
        );
    }
  }
  const couponIds = input.lines.flatMap(({ line, quantity }) =>
    line.couponId && line.refundedQuantity + quantity >= line.quantity ? [line.couponId] : [],
  );
  if (couponIds.length > 0) {
    await tx
      .update(coupons)
      .set({ status: "active", usedOrderId: null, usedAt: null })
      .where(and(inArray(coupons.id, couponIds), eq(coupons.usedOrderId, input.order.id), eq(coupons.status, "used"), gt(coupons.expiresAt, input.now)));
  }
}

/** An unpaid order that is canceled hands its claimed promotion uses and coupons back. */
export async function releaseOrderClaims(tx: DbOrTx, input: { orderId: string; now: Date }) {
  const [order] = await tx.select().from(orders).where(eq(orders.id, input.orderId));
  if (!order) return;
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id));
  const claimed = lines.filter((line) => line.couponId || line.promotionId);
  if (claimed.length === 0) return;
  await tx
    .select({ id: coupons.id })
    .from(coupons)
    .where(eq(coupons.usedOrderId, order.id))
    .orderBy(asc(coupons.id))
    .for("update");
  await giveBackLineClaims(tx, {
    order: { id: order.id, payerId: order.payerId, createdBy: order.createdBy, businessDate: order.businessDate },
    lines: claimed.map((line) => ({ line: { ...line, refundedQuantity: 0 }, quantity: line.quantity })),
    now: input.now,
  });
}

const couponColumns = {
  id: coupons.id,
  source: coupons.source,
  storeId: coupons.storeId,
  nameKo: coupons.nameKo,
  nameEn: coupons.nameEn,
  maxValue: coupons.maxValue,
  itemIds: coupons.itemIds,
  categoryIds: coupons.categoryIds,
  validFrom: coupons.validFrom,
  expiresAt: coupons.expiresAt,
  status: coupons.status,
  usedAt: coupons.usedAt,
  createdAt: coupons.createdAt,
};

/** The employee's coupons: usable ones (soonest to expire first), then the recently used or expired. */
export async function myCoupons(tx: DbOrTx, input: { userId: string; now: Date }) {
  const rows = await tx
    .select(couponColumns)
    .from(coupons)
    .where(and(eq(coupons.userId, input.userId), or(eq(coupons.status, "active"), eq(coupons.status, "used"))))
    .orderBy(asc(coupons.expiresAt))
    .limit(100);
  const usable = rows.filter((row) => row.status === "active" && row.expiresAt > input.now && row.validFrom <= input.now);
  const past = rows
    .filter((row) => !usable.includes(row))
    .sort((a, b) => (b.usedAt ?? b.expiresAt).getTime() - (a.usedAt ?? a.expiresAt).getTime())
    .slice(0, 20)
    .map((row) => ({ ...row, status: row.status === "active" ? ("expired" as const) : row.status }));
  return { usable, past };
}

/** The person's coupons usable now at this store on at least one line of the cart. */
export async function applicableCoupons(tx: DbOrTx, input: { userId: string; storeId: string; lines: OrderLineInput[]; now: Date }) {
  const { lines } = await resolveListLines(tx, { storeId: input.storeId, lines: input.lines });
  const rows = await tx
    .select(couponColumns)
    .from(coupons)
    .where(
      and(
        eq(coupons.userId, input.userId),
        eq(coupons.status, "active"),
        gt(coupons.expiresAt, input.now),
        lte(coupons.validFrom, input.now),
        or(isNull(coupons.storeId), eq(coupons.storeId, input.storeId)),
      ),
    )
    .orderBy(asc(coupons.expiresAt));
  return rows.filter((coupon) => lines.some((line) => inScope(coupon, line.item)));
}

class Peek<T> extends Error {
  constructor(readonly value: T) {
    super("pay code peek (rolled back on purpose)");
  }
}

/**
 * After a scan, before paying: whose code it is and which of their coupons fit the cart. The
 * code is checked in a transaction that is rolled back, so it stays usable for the payment
 * (a refused code still counts against the kiosk's rate limit).
 */
export async function couponsForPayCode(db: Db, input: { payCode: string; storeId: string; lines: OrderLineInput[]; now: Date; clientKey: string }) {
  try {
    await countingPayCodeFailures(db, () =>
      db.transaction(async (tx) => {
        const verified = await verifyPayCode({ tx, input: { code: input.payCode, now: input.now, clientKey: input.clientKey } });
        const [person] = await tx.select({ name: users.name }).from(users).where(eq(users.id, verified.employeeId));
        const found = await applicableCoupons(tx, { userId: verified.employeeId, storeId: input.storeId, lines: input.lines, now: input.now });
        throw new Peek({ name: person?.name ?? "", coupons: found });
      }),
    );
  } catch (error) {
    if (error instanceof Peek) return error.value as { name: string; coupons: Awaited<ReturnType<typeof applicableCoupons>> };
    throw translateDatabaseError(error);
  }
  throw new Error("coupon peek: the transaction did not roll back");
}

export type HandoutInput = {
  target: { kind: "employee"; userId: string } | { kind: "department"; departmentId: string } | { kind: "everyone" };
  reason: string;
  nameKo: string;
  nameEn: string;
  maxValue: bigint;
  storeId: string | null;
  expiresAt: Date;
  actorId: string;
  requestId?: string | null;
  now: Date;
};

/** An admin hands coupons to one employee, a department or every active employee, with a reason; audited. */
export async function handOutCoupons(args: { tx: DbOrTx; input: HandoutInput }) {
  const { tx, input } = args;
  if (input.expiresAt <= input.now) throw new DomainError("BAD_REQUEST", "couponExpiryPast", "the expiry must be in the future");
  const recipients = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.role, "employee"),
        eq(users.status, "active"),
        input.target.kind === "employee"
          ? eq(users.id, input.target.userId)
          : input.target.kind === "department"
            ? eq(users.departmentId, input.target.departmentId)
            : undefined,
      ),
    )
    .orderBy(asc(users.id));
  if (recipients.length === 0) throw new DomainError("NOT_FOUND", "couponNoRecipients", "nobody active matches this handout");
  const [handout] = await tx
    .insert(couponHandouts)
    .values({
      target: input.target.kind,
      targetUserId: input.target.kind === "employee" ? input.target.userId : null,
      targetDepartmentId: input.target.kind === "department" ? input.target.departmentId : null,
      reason: input.reason,
      nameKo: input.nameKo,
      nameEn: input.nameEn,
      maxValue: input.maxValue,
      storeId: input.storeId,
      expiresAt: input.expiresAt,
      couponCount: recipients.length,
      createdBy: input.actorId,
      createdAt: input.now,
    })
    .returning();
  if (!handout) throw new Error("handout insert returned nothing");
  await tx.insert(coupons).values(
    recipients.map((recipient) => ({
      userId: recipient.id,
      source: "handout" as const,
      handoutId: handout.id,
      storeId: input.storeId,
      nameKo: input.nameKo,
      nameEn: input.nameEn,
      maxValue: input.maxValue,
      validFrom: input.now,
      expiresAt: input.expiresAt,
      createdAt: input.now,
    })),
  );
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "coupon.handout",
    entityType: "coupon_handout",
    entityId: handout.id,
    after: { target: input.target, reason: input.reason, maxValue: input.maxValue, storeId: input.storeId, expiresAt: input.expiresAt, count: recipients.length },
    requestId: input.requestId ?? null,
  });
  return { handoutId: handout.id, count: recipients.length };
}

export async function listHandouts(tx: DbOrTx) {
  return tx
    .select({
      id: couponHandouts.id,
      target: couponHandouts.target,
      reason: couponHandouts.reason,
      nameKo: couponHandouts.nameKo,
      nameEn: couponHandouts.nameEn,
      maxValue: couponHandouts.maxValue,
      expiresAt: couponHandouts.expiresAt,
      couponCount: couponHandouts.couponCount,
      createdAt: couponHandouts.createdAt,
      createdBy: users.name,
    })
    .from(couponHandouts)
    .innerJoin(users, eq(users.id, couponHandouts.createdBy))
    .orderBy(desc(couponHandouts.createdAt))
    .limit(100);
}

/** The active employee with this email, for a handout to one person. */
export async function employeeIdByEmail(tx: DbOrTx, email: string) {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email.toLowerCase()), eq(users.role, "employee")));
  if (!row) throw new DomainError("NOT_FOUND", "couponNoRecipients", "no employee with that email");
  return row.id;
}
