import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, pgEnum, pgTable, smallint, text, time, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const meal = pgEnum("meal", ["breakfast", "lunch", "dinner"]);
export type Meal = (typeof meal.enumValues)[number];
export const grantStatus = pgEnum("grant_status", ["active", "expired", "revoked"]);

/**
 * A company-paid meal voucher for one employee: spendable from `validFrom` until
 * `validUntil`, and within that only in the daily window, on the weekdays and at the
 * stores given (null means any). Its value sits in its own ledger account.
 */
export const voucherGrants = pgTable(
  "voucher_grants",
  {
    id: uuid().primaryKey().defaultRandom(),
    employeeId: uuid().notNull().references(() => users.id),
    meal: meal().notNull(),
    amount: bigint({ mode: "bigint" }).notNull(),
    validFrom: timestamp({ withTimezone: true }).notNull(),
    validUntil: timestamp({ withTimezone: true }).notNull(),
    // Local wall-clock window in `timeZone`, e.g. 11:00–14:00 for lunch.
    windowStart: time(),
    windowEnd: time(),
    // ISO weekdays, 1 = Monday … 7 = Sunday.
    weekdays: smallint().array(),
    storeIds: uuid().array(),
    // Menu categories it may pay for, copied from the policy version; null means all.
    categoryIds: uuid().array(),
    timeZone: text().notNull().default("Asia/Seoul"),
    status: grantStatus().notNull().default("active"),
    serviceDate: date(),
    policyId: uuid(),
    policyVersionId: uuid(),
    allocationRunId: uuid(),
    // A monthly-pool grant holds a month's worth for one meal; `serviceDate` is then the month's first day.
    pooled: boolean().notNull().default(false),
    groupPaymentAllowed: boolean().notNull().default(true),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("voucher_grants_employee_idx").on(t.employeeId, t.validUntil),
    index("voucher_grants_expiry_idx").on(t.validUntil).where(sql`${t.status} = 'active'`),
    // One allocated grant per employee, service date (or pooled month) and meal, so running an
    // allocation again creates nothing twice. A revoked grant frees its slot for a corrected run.
    uniqueIndex("voucher_grants_allocation_key")
      .on(t.employeeId, t.serviceDate, t.meal, t.pooled)
      .where(sql`${t.allocationRunId} is not null and ${t.status} <> 'revoked'`),
    // Reports: grants by the day they are for; grants without one (adjustments) by when they start.
    index("voucher_grants_service_date_idx").on(t.serviceDate).where(sql`${t.serviceDate} is not null`),
    index("voucher_grants_unscheduled_idx").on(t.validFrom).where(sql`${t.serviceDate} is null`),
    index("voucher_grants_run_idx").on(t.allocationRunId).where(sql`${t.allocationRunId} is not null`),
    check("voucher_grants_amount_positive", sql`${t.amount} > 0`),
    check("voucher_grants_period", sql`${t.validUntil} > ${t.validFrom}`),
    check("voucher_grants_window", sql`(${t.windowStart} is null) = (${t.windowEnd} is null)`),
  ],
);
