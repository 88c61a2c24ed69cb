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
