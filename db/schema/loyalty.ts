import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { departments, stores } from "./org";
import { orders, refunds, tenderKind } from "./orders";
import { users } from "./users";

export const promotionKind = pgEnum("promotion_kind", ["percent", "fixed"]);
export type PromotionKind = (typeof promotionKind.enumValues)[number];

/**
 * A discount on items or categories: `percent` (value 1–100) or `fixed` won off each unit.
 * Live from `startsAt` (inclusive) to `endsAt` (exclusive), on `weekdays` (ISO, 1 = Monday)
 * and, when set, between `dailyStart` (inclusive) and `dailyEnd` (exclusive) in the store's time.
 */
export const promotions = pgTable(
  "promotions",
  {
    id: uuid().primaryKey().defaultRandom(),
    nameKo: text().notNull(),
    nameEn: text().notNull(),
    kind: promotionKind().notNull(),
    value: bigint({ mode: "bigint" }).notNull(),
    itemIds: uuid().array().notNull().default(sql`'{}'`),
    categoryIds: uuid().array().notNull().default(sql`'{}'`),
    storeIds: uuid().array().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    dailyStart: time(),
    dailyEnd: time(),
    weekdays: smallint().array().notNull().default(sql`'{1,2,3,4,5,6,7}'`),
    /** Discounted units per person per store day; null = no limit. */
    perPersonDailyLimit: integer(),
    isActive: boolean().notNull().default(true),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("promotions_active_idx").on(t.endsAt).where(sql`${t.isActive}`),
    check("promotions_range", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** Discounted units a person took of a limited promotion on one store day; its row lock serializes two kiosks. */
export const promotionUses = pgTable(
  "promotion_uses",
  {
    promotionId: uuid().notNull().references(() => promotions.id),
    userId: uuid().notNull().references(() => users.id),
    businessDate: date().notNull(),
    quantity: integer().notNull().default(0),
  },
  (t) => [primaryKey({ name: "promotion_uses_pkey", columns: [t.promotionId, t.userId, t.businessDate] })],
);

export const stampPrograms = pgTable(
  "stamp_programs",
  {
    id: uuid().primaryKey().defaultRandom(),
    storeId: uuid().notNull().references(() => stores.id),
    nameKo: text().notNull(),
    nameEn: text().notNull(),
    /** Items and categories that earn; both empty = every item. */
    itemIds: uuid().array().notNull().default(sql`'{}'`),
    categoryIds: uuid().array().notNull().default(sql`'{}'`),
    stampsPerItem: integer().notNull().default(1),
    stampsPerReward: integer().notNull().default(10),
    earningTenders: tenderKind().array().notNull().default(sql`'{wallet,card,cash}'`),
    rewardMaxValue: bigint({ mode: "bigint" }).notNull(),
    rewardItemIds: uuid().array().notNull().default(sql`'{}'`),
    rewardCategoryIds: uuid().array().notNull().default(sql`'{}'`),
    couponValidDays: integer().notNull().default(90),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }),
    isActive: boolean().notNull().default(true),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("stamp_programs_store_idx").on(t.storeId)],
);

/** A person's stamps in one program; may go negative when a refund takes back stamps of a used reward. */
export const stampCards = pgTable(
  "stamp_cards",
  {
    programId: uuid().notNull().references(() => stampPrograms.id),
    userId: uuid().notNull().references(() => users.id),
    balance: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "stamp_cards_pkey", columns: [t.programId, t.userId] })],
);

export const couponStatus = pgEnum("coupon_status", ["active", "used", "revoked"]);
export const couponSource = pgEnum("coupon_source", ["reward", "handout"]);
export type CouponStatus = (typeof couponStatus.enumValues)[number];

export const couponHandouts = pgTable("coupon_handouts", {
  id: uuid().primaryKey().defaultRandom(),
  target: text().$type<"employee" | "department" | "everyone">().notNull(),
  targetUserId: uuid().references(() => users.id),
  targetDepartmentId: uuid().references(() => departments.id),
  reason: text().notNull(),
  nameKo: text().notNull(),
  nameEn: text().notNull(),
  maxValue: bigint({ mode: "bigint" }).notNull(),
  storeId: uuid().references(() => stores.id),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  couponCount: integer().notNull(),
  createdBy: uuid().notNull().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A free item up to `maxValue` won, for one person, used once (a refund can give it back). */
export const coupons = pgTable(
  "coupons",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().notNull().references(() => users.id),
    source: couponSource().notNull(),
    programId: uuid().references(() => stampPrograms.id),
    handoutId: uuid().references(() => couponHandouts.id),
    /** Null = any store. */
    storeId: uuid().references(() => stores.id),
    nameKo: text().notNull(),
    nameEn: text().notNull(),
    maxValue: bigint({ mode: "bigint" }).notNull(),
    /** Items and categories it is good for; both empty = any item. */
    itemIds: uuid().array().notNull().default(sql`'{}'`),
    categoryIds: uuid().array().notNull().default(sql`'{}'`),
    validFrom: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    status: couponStatus().notNull().default("active"),
    usedOrderId: uuid().references(() => orders.id),
    usedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("coupons_user_idx").on(t.userId, t.status, t.expiresAt)],
);

export const stampEventKind = pgEnum("stamp_event_kind", ["earn", "take_back", "reward", "reward_revoked"]);
export type StampEventKind = (typeof stampEventKind.enumValues)[number];

/** Stamp history: every change of a card, with the balance after it. */
export const stampEvents = pgTable(
  "stamp_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    programId: uuid().notNull().references(() => stampPrograms.id),
    userId: uuid().notNull().references(() => users.id),
    kind: stampEventKind().notNull(),
    stamps: integer().notNull(),
    orderId: uuid().references(() => orders.id),
    refundId: uuid().references(() => refunds.id),
    couponId: uuid().references(() => coupons.id),
    /** For `earn`: the base stamps of each order line (before the tender share), for proportional take-back. */
    lines: jsonb().$type<Record<string, number>>(),
    balanceAfter: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("stamp_events_user_idx").on(t.userId, t.createdAt), index("stamp_events_order_idx").on(t.orderId)],
);
