import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, timestamp, uuid, uniqueIndex, date } from "drizzle-orm/pg-core";
import { departments, stores } from "./org";

export const userRole = pgEnum("user_role", ["employee", "barista", "store_manager", "hr_admin"]);
export const userStatus = pgEnum("user_status", ["active", "suspended", "left"]);

export type UserRole = (typeof userRole.enumValues)[number];
export type UserStatus = (typeof userStatus.enumValues)[number];

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    // Null for accounts that sign in only through company SSO.
    passwordHash: text(),
    // A store manager's 4–6 digit PIN (argon2id), typed on a kiosk to approve a refund.
    pinHash: text(),
    role: userRole().notNull(),
    status: userStatus().notNull().default("active"),
    employeeNo: text(),
    departmentId: uuid().references(() => departments.id),
    // The store a kiosk device or a store manager belongs to.
    storeId: uuid().references(() => stores.id),
    hiredOn: date(),
    // "Sign out everywhere": sessions issued before this moment are no longer accepted.
    sessionsValidFrom: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    uniqueIndex("users_employee_no_key").on(t.employeeNo),
    index("users_department_idx").on(t.departmentId),
    check("users_email_lowercase", sql`${t.email} = lower(${t.email})`),
    check(
      "users_store_for_store_roles",
      sql`${t.role} not in ('barista', 'store_manager') or ${t.storeId} is not null`,
    ),
    check("users_pin_for_managers", sql`${t.pinHash} is null or ${t.role} = 'store_manager'`),
  ],
);
