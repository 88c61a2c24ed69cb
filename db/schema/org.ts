import { pgTable, text, timestamp, uuid, uniqueIndex } from "drizzle-orm/pg-core";

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
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("stores_code_key").on(t.code)],
);
