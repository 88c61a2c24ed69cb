import type { Locale } from "@/i18n/locales";
import type { StoreMenu } from "@/server/domain/menu/store-menu";
import type { Cart, CartLine } from "@/lib/cart";

export type KioskMenu = StoreMenu;
export type KioskItem = StoreMenu["categories"][number]["items"][number];
export type KioskOptionGroup = KioskItem["optionGroups"][number];
export type KioskCart = Cart<KioskItem>;
export type KioskLine = CartLine<KioskItem>;

/** Menu rows carry both names; the kiosk shows the one of its current language. */
export function nameIn(row: { nameKo: string; nameEn: string }, locale: Locale) {
  return locale === "ko" ? row.nameKo : row.nameEn;
}

/** The chosen options of a line as the barista reads them: "Iced · Large". */
export function optionNames(item: KioskItem, optionIds: readonly string[], locale: Locale): string[] {
  const chosen = new Set(optionIds);
  return item.optionGroups.flatMap((group) =>
    group.choices.filter((choice) => chosen.has(choice.id)).map((choice) => nameIn(choice, locale)),
  );
}
