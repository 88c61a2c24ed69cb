import { sql } from "drizzle-orm";
import { bigint, check, date, jsonb, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { stores } from "./org";
import { users } from "./users";

export type DayTotals = {
  orders: number;
  sales: Record<"voucher" | "wallet" | "card" | "cash", string>;
  refunds: Record<"voucher" | "wallet" | "card" | "cash", string>;
  refundCount: number;
};

/** A store's trading day: opened with a counted cash float, closed once with the drawer counted. */
export const storeDays = pgTable(
  "store_days",
  {
    storeId: uuid().notNull().references(() => stores.id),
    businessDate: date().notNull(),
    openingFloat: bigint({ mode: "bigint" }).notNull(),
    openedAt: timestamp({ withTimezone: true }).notNull(),
    openedBy: uuid().notNull().references(() => users.id),
    closedAt: timestamp({ withTimezone: true }),
    closedBy: uuid().references(() => users.id),
    countedCash: bigint({ mode: "bigint" }),
    expectedCash: bigint({ mode: "bigint" }),
    totals: jsonb().$type<DayTotals>(),
  },
  (t) => [
    primaryKey({ name: "store_days_pkey", columns: [t.storeId, t.businessDate] }),
    check("store_days_amounts", sql`${t.openingFloat} >= 0 and (${t.countedCash} is null or ${t.countedCash} >= 0)`),
  ],
);
