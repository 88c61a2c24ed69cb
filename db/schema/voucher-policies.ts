import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  time,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./users";
import { meal } from "./vouchers";

/** What happens to value an employee does not spend: gone at the window's end, or pooled for the month. */
export const unusedValueRule = pgEnum("voucher_unused_value", ["expire_at_window_end", "monthly_pool"]);
export type UnusedValueRule = (typeof unusedValueRule.enumValues)[number];

/** A meal-voucher policy: its name and meal. What it gives lives in its versions. */
export const voucherPolicies = pgTable(
  "voucher_policies",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    meal: meal().notNull(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("voucher_policies_name_key").on(t.name)],
);

/**
 * One version of a policy, in force from `effectiveFrom` until the next version's date. A change
 * is a new version, never an edit, so grants made under an old version keep meaning what they said.
 */
export const voucherPolicyVersions = pgTable(
  "voucher_policy_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    policyId: uuid().notNull().references(() => voucherPolicies.id),
    version: integer().notNull(),
    effectiveFrom: date().notNull(),
    active: boolean().notNull().default(true),
    amount: bigint({ mode: "bigint" }).notNull(),
    windowStart: time().notNull(),
    windowEnd: time().notNull(),
    // ISO weekdays, 1 = Monday … 7 = Sunday.
    weekdays: smallint().array().notNull(),
    includeHolidays: boolean().notNull().default(false),
    // Null: every store.
    storeIds: uuid().array(),
    // Null: everyone. Otherwise only employees of these departments.
    departmentIds: uuid().array(),
    // Null: every menu category. Otherwise the voucher pays only for lines of these categories.
    categoryIds: uuid().array(),
    dailyCap: bigint({ mode: "bigint" }),
    monthlyCap: bigint({ mode: "bigint" }),
    groupPaymentAllowed: boolean().notNull().default(true),
    unusedValue: unusedValueRule().notNull().default("expire_at_window_end"),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("voucher_policy_versions_number_key").on(t.policyId, t.version),
    unique("voucher_policy_versions_effective_key").on(t.policyId, t.effectiveFrom),
    check("voucher_policy_versions_amount_positive", sql`${t.amount} > 0`),
    check("voucher_policy_versions_window", sql`${t.windowEnd} > ${t.windowStart}`),
    check("voucher_policy_versions_caps", sql`(${t.dailyCap} is null or ${t.dailyCap} > 0) and (${t.monthlyCap} is null or ${t.monthlyCap} > 0)`),
  ],
);

/** Korean public holidays (and company days off) on which policies that skip holidays give nothing. */
export const publicHolidays = pgTable("public_holidays", {
  day: date().primaryKey(),
  nameKo: text().notNull(),
  nameEn: text().notNull(),
  createdBy: uuid().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const allocationRunStatus = pgEnum("allocation_run_status", ["completed", "revoked"]);

/** One execution of an allocation: the period and policies HR chose, who ran it, and what it gave. */
export const allocationRuns = pgTable(
  "allocation_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    periodStart: date().notNull(),
    periodEnd: date().notNull(),
    policyIds: uuid().array().notNull(),
    status: allocationRunStatus().notNull().default("completed"),
    employeeCount: integer().notNull().default(0),
    grantCount: integer().notNull().default(0),
    totalAmount: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedBy: uuid().references(() => users.id),
    revokedAt: timestamp({ withTimezone: true }),
    revokedGrantCount: integer().notNull().default(0),
    returnedAmount: bigint({ mode: "bigint" }).notNull().default(sql`0`),
  },
  (t) => [index("allocation_runs_created_idx").on(t.createdAt), check("allocation_runs_period", sql`${t.periodEnd} >= ${t.periodStart}`)],
);

/**
 * The days of an allocation still to come for one employee, policy version and meal: `days[i]`
 * gives `amounts[i]`. A day's grant is made from its plan shortly before the day (the jobs
 * runner, or the first payment or pay-app look that needs it); `nextDay` is the first day not
 * made yet, null once nothing is left to make. Days on or after `cancelledFrom` are never made
 * (a leaver). A revoked run clears `nextDay`.
 */
export const voucherGrantPlans = pgTable(
  "voucher_grant_plans",
  {
    id: uuid().primaryKey().defaultRandom(),
    allocationRunId: uuid()
      .notNull()
      .references(() => allocationRuns.id),
    employeeId: uuid()
      .notNull()
      .references(() => users.id),
    policyId: uuid().notNull(),
    policyVersionId: uuid().notNull(),
    meal: meal().notNull(),
    windowStart: time().notNull(),
    windowEnd: time().notNull(),
    weekdays: smallint().array(),
    storeIds: uuid().array(),
    categoryIds: uuid().array(),
    groupPaymentAllowed: boolean().notNull(),
    timeZone: text().notNull(),
    days: date().array().notNull(),
    amounts: bigint({ mode: "bigint" }).array().notNull(),
    nextDay: date(),
    cancelledFrom: date(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("voucher_grant_plans_pending_employee_idx").on(t.employeeId).where(sql`${t.nextDay} is not null`),
    index("voucher_grant_plans_pending_day_idx").on(t.nextDay).where(sql`${t.nextDay} is not null`),
    index("voucher_grant_plans_run_idx").on(t.allocationRunId),
    check("voucher_grant_plans_days_amounts", sql`cardinality(${t.days}) = cardinality(${t.amounts}) AND cardinality(${t.days}) > 0`),
  ],
);
