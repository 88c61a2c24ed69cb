import { sql } from "drizzle-orm";
import { bigint, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./users";

export const payDeviceStatus = pgEnum("pay_device_status", ["active", "revoked"]);

/**
 * A phone registered for paying. It holds `secret` and derives one-time codes from it and
 * the clock, so it can show a code with no signal; `deviceNo` is the public part of a code.
 */
export const payDevices = pgTable(
  "pay_devices",
  {
    id: uuid().primaryKey().defaultRandom(),
    deviceNo: integer().notNull().generatedAlwaysAsIdentity({ startWith: 100_000_001 }),
    userId: uuid().notNull().references(() => users.id),
    label: text().notNull(),
    secret: text().notNull(),
    status: payDeviceStatus().notNull().default("active"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("pay_devices_device_no_key").on(t.deviceNo), index("pay_devices_user_idx").on(t.userId)],
);

/** Each (device, time step) is accepted once: the primary key makes a replay, or a second kiosk racing, fail. */
export const payCodeUses = pgTable(
  "pay_code_uses",
  {
    deviceId: uuid().notNull().references(() => payDevices.id),
    step: bigint({ mode: "bigint" }).notNull(),
    usedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "pay_code_uses_pkey", columns: [t.deviceId, t.step] })],
);

/** Fixed-window counters for rate limits (sign-in attempts, pay-code guesses). */
export const rateLimits = pgTable(
  "rate_limits",
  {
    bucket: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    hits: integer().notNull().default(sql`1`),
  },
  (t) => [primaryKey({ name: "rate_limits_pkey", columns: [t.bucket, t.windowStart] })],
);
