import { sql } from "drizzle-orm";
import { bigint, check, date, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * The monthly tax-free meal allowance (식대 비과세 한도), from a month on: the cap of a month is the
 * row with the latest `effectiveMonth` not after it (₩200,000 when there is none). A change
 * applies from a month, so reports of earlier months keep the cap they were paid under.
 */
export const mealAllowanceSettings = pgTable(
  "meal_allowance_settings",
  {
    // The first day of the month the amount applies from.
    effectiveMonth: date().primaryKey(),
    monthlyAmount: bigint({ mode: "bigint" }).notNull(),
    updatedBy: uuid().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("meal_allowance_settings_first_day", sql`extract(day from ${t.effectiveMonth}) = 1`),
    check("meal_allowance_settings_amount", sql`${t.monthlyAmount} >= 0 and ${t.monthlyAmount} <= 10000000`),
  ],
);
