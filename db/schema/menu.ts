import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { stores } from "./org";
import { users } from "./users";

export const menuCategories = pgTable(
  "menu_categories",
  {
    id: uuid().primaryKey().defaultRandom(),
    storeId: uuid().notNull().references(() => stores.id),
    code: text().notNull(),
    nameKo: text().notNull(),
    nameEn: text().notNull(),
    sortOrder: integer().notNull().default(0),
    // A hidden category and its items are off the kiosk and the pay app, but kept for the manager.
    isVisible: boolean().notNull().default(true),
    // Deleted by the manager: kept because order lines and the audit trail point at it.
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("menu_categories_store_code_key").on(t.storeId, t.code)],
);

export const menuItems = pgTable(
  "menu_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    storeId: uuid().notNull().references(() => stores.id),
    categoryId: uuid().notNull().references(() => menuCategories.id),
    code: text().notNull(),
    nameKo: text().notNull(),
    nameEn: text().notNull(),
    price: bigint({ mode: "bigint" }).notNull(),
    imagePath: text(),
    isSoldOut: boolean().notNull().default(false),
    isActive: boolean().notNull().default(true),
    sortOrder: integer().notNull().default(0),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("menu_items_store_code_key").on(t.storeId, t.code),
    index("menu_items_category_idx").on(t.categoryId),
    check("menu_items_price_nonnegative", sql`${t.price} >= 0`),
  ],
);

export const optionGroups = pgTable(
  "option_groups",
  {
    id: uuid().primaryKey().defaultRandom(),
    storeId: uuid().notNull().references(() => stores.id),
    code: text().notNull(),
    nameKo: text().notNull(),
    nameEn: text().notNull(),
    minSelect: integer().notNull().default(0),
    maxSelect: integer().notNull().default(1),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("option_groups_store_code_key").on(t.storeId, t.code),
    check("option_groups_select_range", sql`${t.minSelect} >= 0 and ${t.maxSelect} >= greatest(${t.minSelect}, 1)`),
  ],
);

export const optionChoices = pgTable(
  "option_choices",
  {
    id: uuid().primaryKey().defaultRandom(),
    groupId: uuid().notNull().references(() => optionGroups.id),
    code: text().notNull(),
    nameKo: text().notNull(),
    nameEn: text().notNull(),
    priceDelta: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    isDefault: boolean().notNull().default(false),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex("option_choices_group_code_key").on(t.groupId, t.code),
    check("option_choices_delta_nonnegative", sql`${t.priceDelta} >= 0`),
  ],
);

export const menuItemOptionGroups = pgTable(
  "menu_item_option_groups",
  {
    itemId: uuid().notNull().references(() => menuItems.id),
    groupId: uuid().notNull().references(() => optionGroups.id),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [primaryKey({ name: "menu_item_option_groups_pkey", columns: [t.itemId, t.groupId] })],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/** Uploaded menu pictures, kept in the database so every replica serves them; never changed, only replaced. */
export const menuImages = pgTable(
  "menu_images",
  {
    id: uuid().primaryKey().defaultRandom(),
    storeId: uuid().notNull().references(() => stores.id),
    contentType: text().notNull(),
    byteSize: integer().notNull(),
    sha256: text().notNull(),
    data: bytea().notNull(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("menu_images_store_idx").on(t.storeId),
    check("menu_images_type", sql`${t.contentType} in ('image/png', 'image/jpeg', 'image/webp')`),
    check("menu_images_size", sql`${t.byteSize} > 0 and ${t.byteSize} <= 2097152`),
  ],
);
