"use client";

import { useState } from "react";
import Image from "next/image";
import { useLocale, useTranslations } from "next-intl";
import { formatWon } from "@/lib/money";
import { toLocale } from "@/i18n/locales";
import type { StoreMenu } from "@/server/domain/menu/store-menu";

export function MenuGrid({ menu }: { menu: StoreMenu }) {
  const t = useTranslations("kiosk");
  const locale = toLocale(useLocale());
  const [activeId, setActiveId] = useState(menu.categories[0]?.id ?? null);
  const active = menu.categories.find((category) => category.id === activeId);
  const nameOf = (row: { nameKo: string; nameEn: string }) => (locale === "ko" ? row.nameKo : row.nameEn);

  return (
    <div className="flex h-full flex-col">
      <div role="tablist" className="flex shrink-0 gap-2 overflow-x-auto border-b border-line bg-white px-5 py-3">
        {menu.categories.map((category) => (
          <button
            key={category.id}
            role="tab"
            aria-selected={category.id === activeId}
            onClick={() => setActiveId(category.id)}
            className="min-h-12 shrink-0 rounded-xl px-5 text-base font-semibold text-muted aria-selected:bg-ink aria-selected:text-white"
          >
            {nameOf(category)}
          </button>
        ))}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-5">
        {active && active.items.length > 0 ? (
          <ul className="grid grid-cols-[repeat(auto-fill,minmax(180px,1fr))] gap-4" data-testid="menu-grid">
            {active.items.map((item) => (
              <li
                key={item.id}
                data-testid="menu-tile"
                aria-disabled={item.isSoldOut}
                className="relative flex min-h-48 flex-col overflow-hidden rounded-2xl bg-white shadow-sm aria-disabled:opacity-45"
              >
                <div className="relative h-28 bg-brand-50">
                  {item.imagePath ? (
                    <Image src={item.imagePath} alt="" fill sizes="240px" className="object-contain p-3" />
                  ) : null}
                  {item.isSoldOut ? (
                    <span className="absolute top-2 right-2 rounded-lg bg-ink px-2 py-1 text-xs font-bold text-white">
                      {t("soldOut")}
                    </span>
                  ) : null}
                </div>
                <div className="flex flex-1 flex-col justify-between p-3">
                  <span className="text-base leading-snug font-semibold">{nameOf(item)}</span>
                  <span className="mt-1 flex items-baseline justify-between">
                    <span className="tabular text-lg font-bold">{formatWon(item.price, locale)}</span>
                    {item.optionGroups.length > 0 ? (
                      <span className="text-xs text-muted">{t("options", { count: item.optionGroups.length })}</span>
                    ) : null}
                  </span>
                </div>
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
