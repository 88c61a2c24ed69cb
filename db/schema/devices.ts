import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { stores } from "./org";
import { users } from "./users";

/**
 * A one-time code a store manager issues to pair a kiosk tablet. Only its SHA-256 is kept;
 * a code is good for ten minutes and once, and redeeming it creates the device's account.
 */
export const kioskPairingCodes = pgTable(
  "kiosk_pairing_codes",
  {
    id: uuid().primaryKey().defaultRandom(),
    storeId: uuid().notNull().references(() => stores.id),
    codeHash: text().notNull(),
    createdBy: uuid().notNull().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    // The barista account created for the tablet that redeemed the code.
    deviceUserId: uuid().references(() => users.id),
  },
  (t) => [
    index("kiosk_pairing_codes_code_hash_idx").on(t.codeHash),
    index("kiosk_pairing_codes_store_idx").on(t.storeId),
    index("kiosk_pairing_codes_device_user_idx").on(t.deviceUserId),
  ],
);
