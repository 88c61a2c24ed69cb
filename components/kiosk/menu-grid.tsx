"use client";

import Image from "next/image";
import { useTranslations } from "next-intl";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import type { KioskItem, KioskMenu } from "./types";
import { nameIn } from "./types";

/** Category tabs over a grid of large tiles; one tap on a tile orders it (or opens its options). */
export function MenuGrid(props: {
  menu: KioskMenu;
  locale: Locale;
  /** Kept by the caller, so "edit order" comes back to the category the barista left. */
  activeId: string | null;
  onSelectCategory: (categoryId: string) => void;
  onPick: (item: KioskItem) => void;
}) {
  const { menu, locale, activeId, onPick } = props;
  const t = useTranslations("kiosk");
  const active = menu.categories.find((category) => category.id === activeId) ?? menu.categories[0];

  return (
    <div className="flex h-full min-w-0 flex-col">
      <div role="tablist" aria-label={t("categories")} className="flex shrink-0 gap-2 overflow-x-auto bg-white px-4 py-3 shadow-[0_1px_0_var(--color-line)]">
        {menu.categories.map((category) => (
          <button
            key={category.id}
            type="button"
            role="tab"
            aria-selected={category.id === active?.id}
            onClick={() => props.onSelectCategory(category.id)}
            className="min-h-12 shrink-0 rounded-xl px-5 text-base font-semibold text-muted active:bg-canvas aria-selected:bg-ink aria-selected:text-white"
          >
            {nameIn(category, locale)}
            <span aria-hidden className="ml-1.5 text-sm font-medium opacity-60">
              {category.items.length}
            </span>
          </button>
        ))}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-4">
        {active && active.items.length > 0 ? (
          <ul role="tabpanel" aria-label={nameIn(active, locale)} className="grid grid-cols-3 gap-3 xl:grid-cols-4" data-testid="menu-grid">
            {active.items.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  data-testid="menu-tile"
                  disabled={item.isSoldOut}
                  onClick={() => onPick(item)}
                  className="group relative flex h-full min-h-44 w-full flex-col overflow-hidden rounded-2xl bg-white text-left shadow-[0_1px_3px_rgb(0_0_0/0.06)] ring-1 ring-black/[0.04] transition active:scale-[0.97] active:bg-brand-50 disabled:active:scale-100 disabled:active:bg-white"
                >
                  <div className="relative h-24 bg-gradient-to-b from-brand-50/70 to-white group-disabled:grayscale">
                    {item.imagePath ? (
                      <Image src={item.imagePath} alt="" fill unoptimized sizes="200px" className="object-contain p-3 group-disabled:opacity-40" />
                    ) : null}
                  </div>
                  <div className="flex flex-1 flex-col justify-between gap-1 px-4 pt-1 pb-3.5">
                    <span className="text-[17px] leading-snug font-semibold break-keep group-disabled:text-muted">{nameIn(item, locale)}</span>
                    <span className="flex items-baseline justify-between gap-2">
                      <span className="tabular text-lg font-bold group-disabled:text-muted">{formatWon(item.price, locale)}</span>
                      {item.optionGroups.length > 0 && !item.isSoldOut ? (
                        <span className="text-xs font-medium text-muted">{t("hasOptions")}</span>
                      ) : null}
                    </span>
                  </div>
                  {item.isSoldOut ? (
                    <span className="absolute inset-x-0 top-9 mx-auto w-fit rounded-full bg-ink/85 px-3.5 py-1.5 text-sm font-bold text-white">
                      {t("soldOut")}
                    </span>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="py-20 text-center text-muted">{t("noItems")}</p>
        )}
      </div>
    </div>
  );
}
