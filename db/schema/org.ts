import { jsonb, pgTable, text, timestamp, uuid, uniqueIndex } from "drizzle-orm/pg-core";

/** Per weekday (0 = Sunday … 6), opening and closing as "HH:MM" in the store's time zone; null = closed. */
export type OpeningHours = Array<{ open: string; close: string } | null>;

export const departments = pgTable(
  "departments",
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    nameKo: text().notNull(),
    nameEn: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("departments_code_key").on(t.code)],
);

export const stores = pgTable(
  "stores",
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    nameKo: text().notNull(),
    nameEn: text().notNull(),
    // Pickup numbers and the day's close follow the store's own calendar day.
    timeZone: text().notNull().default("Asia/Seoul"),
    // Printed on top of the kiosk receipt (business name, registration number, address…).
    receiptHeader: text().notNull().default(""),
    openingHours: jsonb().$type<OpeningHours>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("stores_code_key").on(t.code)],
);
