import { sql } from "drizzle-orm";
import {
  bigint,
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
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts, ledgerTransfers } from "./ledger";
import { menuItems } from "./menu";
import { stores } from "./org";
import { users } from "./users";
import { voucherGrants } from "./vouchers";

export const orderStatus = pgEnum("order_status", [
  "pending_payment",
  "paid",
  "preparing",
  "ready",
  "picked_up",
  "canceled",
  "refunded",
  "partially_refunded",
]);
export type OrderStatus = (typeof orderStatus.enumValues)[number];
export const orderSource = pgEnum("order_source", ["kiosk", "pay_app"]);

export const orders = pgTable(
  "orders",
  {
    id: uuid().primaryKey().defaultRandom(),
    storeId: uuid().notNull().references(() => stores.id),
    // The store's calendar day and the short number called out at the counter that day.
    businessDate: date().notNull(),
    pickupNumber: integer().notNull(),
    status: orderStatus().notNull().default("pending_payment"),
    source: orderSource().notNull(),
    payerId: uuid().references(() => users.id),
    createdBy: uuid().references(() => users.id),
    subtotal: bigint({ mode: "bigint" }).notNull(),
    discount: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    total: bigint({ mode: "bigint" }).notNull(),
    refundedAmount: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_store_day_number_key").on(t.storeId, t.businessDate, t.pickupNumber),
    index("orders_payer_idx").on(t.payerId, t.createdAt),
    index("orders_store_status_idx").on(t.storeId, t.status, t.createdAt),
    // Reports read a range of business days across stores.
    index("orders_business_date_idx").on(t.businessDate),
    check("orders_amounts", sql`${t.subtotal} >= 0 and ${t.discount} >= 0 and ${t.total} = ${t.subtotal} - ${t.discount}`),
    check("orders_refund_bound", sql`${t.refundedAmount} >= 0 and ${t.refundedAmount} <= ${t.total}`),
  ],
);

export type OrderLineOption = {
  groupCode: string;
  choiceId: string;
  choiceCode: string;
  nameKo: string;
  nameEn: string;
  priceDelta: string;
};

/** A snapshot of what was sold, so later menu edits never change a receipt. */
export const orderLines = pgTable(
  "order_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid().notNull().references(() => orders.id),
    lineNo: smallint().notNull(),
    menuItemId: uuid().notNull().references(() => menuItems.id),
    nameKo: text().notNull(),
    nameEn: text().notNull(),
    options: jsonb().$type<OrderLineOption[]>().notNull(),
    unitPrice: bigint({ mode: "bigint" }).notNull(),
    quantity: integer().notNull(),
    /** List price × quantity; the discounts below come off it (DESIGN: coupon → promotion → tenders). */
    lineTotal: bigint({ mode: "bigint" }).notNull(),
    refundedQuantity: integer().notNull().default(0),
    promotionId: uuid(),
    promotionDiscount: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    /** A coupon line always has quantity 1 (pricing splits the line). */
    couponId: uuid(),
    couponDiscount: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    /** What the customer paid for this line: lineTotal − promotionDiscount − couponDiscount. */
    netTotal: bigint({ mode: "bigint" }).notNull(),
    refundedNet: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    refundedPromotionDiscount: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    refundedCouponDiscount: bigint({ mode: "bigint" }).notNull().default(sql`0`),
  },
  (t) => [
    uniqueIndex("order_lines_order_line_key").on(t.orderId, t.lineNo),
    check("order_lines_quantity", sql`${t.quantity} > 0 and ${t.refundedQuantity} between 0 and ${t.quantity}`),
    check("order_lines_total", sql`${t.lineTotal} = ${t.unitPrice} * ${t.quantity}`),
  ],
);

/** Per store and day, the last pickup number handed out. */
export const storeDailyCounters = pgTable(
  "store_daily_counters",
  {
    storeId: uuid().notNull().references(() => stores.id),
    businessDate: date().notNull(),
    lastNumber: integer().notNull(),
  },
  (t) => [primaryKey({ name: "store_daily_counters_pkey", columns: [t.storeId, t.businessDate] })],
);

export const tenderKind = pgEnum("tender_kind", ["voucher", "wallet", "card", "cash"]);
export type TenderKind = (typeof tenderKind.enumValues)[number];

/** What one means of payment paid for an order, in the order they were applied. */
export const paymentTenders = pgTable(
  "payment_tenders",
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid().notNull().references(() => orders.id),
    sequence: smallint().notNull(),
    kind: tenderKind().notNull(),
    payerId: uuid().references(() => users.id),
    accountId: uuid().notNull().references(() => accounts.id),
    grantId: uuid().references(() => voucherGrants.id),
    amount: bigint({ mode: "bigint" }).notNull(),
    refundedAmount: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    // Card: the terminal's approval number; cash: what was handed over.
    reference: text(),
    // Card at a kiosk: the terminal and the charge's reference, which a later refund cancels against.
    terminalId: text(),
    terminalReference: text(),
    cashTendered: bigint({ mode: "bigint" }),
    transferId: uuid().notNull().references(() => ledgerTransfers.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payment_tenders_order_sequence_key").on(t.orderId, t.sequence),
    index("payment_tenders_grant_idx").on(t.grantId),
    // Reports join a day's orders to their voucher tenders; the migration adds
    // INCLUDE (amount, refunded_amount, grant_id, payer_id) so the join reads the index only.
    index("payment_tenders_voucher_order_idx").on(t.orderId).where(sql`${t.kind} = 'voucher'`),
    // A department move re-files the mover's voucher uses in the report rollups (migration 0016).
    index("payment_tenders_voucher_payer_idx").on(t.payerId).where(sql`${t.kind} = 'voucher'`),
    check("payment_tenders_amount", sql`${t.amount} > 0 and ${t.refundedAmount} between 0 and ${t.amount}`),
  ],
);

export type RefundLine = { lineId: string; quantity: number; amount: string };

export const refunds = pgTable(
  "refunds",
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid().notNull().references(() => orders.id),
    amount: bigint({ mode: "bigint" }).notNull(),
    reason: text().notNull(),
    lines: jsonb().$type<RefundLine[]>().notNull(),
    tenders: jsonb().$type<{ kind: TenderKind; amount: string; to: string }[]>().notNull(),
    createdBy: uuid().notNull().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("refunds_order_idx").on(t.orderId), check("refunds_amount_non_negative", sql`${t.amount} >= 0`)],
);
