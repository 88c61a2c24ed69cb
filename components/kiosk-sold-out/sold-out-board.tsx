"use client";

import Image from "next/image";
import { useEffect, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { formatWon } from "@/lib/money";
import { toLocale } from "@/i18n/locales";
import { useTRPC } from "@/components/trpc/provider";
import { describeFailure, refusalText } from "@/components/kiosk/payment-logic";
import { nameIn, type KioskItem, type KioskMenu } from "@/components/kiosk/types";
import { useMenuEvents } from "@/components/kiosk/use-menu-events";

type Notice = { tone: "done" | "error"; text: string };

const withSoldOut = (menu: KioskMenu, itemId: string, soldOut: boolean): KioskMenu => ({
  ...menu,
  categories: menu.categories.map((category) => ({
    ...category,
    items: category.items.map((item) => (item.id === itemId ? { ...item, isSoldOut: soldOut } : item)),
  })),
});

/**
 * The sold-out switch: the menu as tiles, one tap flips an item between on sale and sold
 * out. The tile changes at once; a refusal puts it back and says why. The register shares
 * the same cached menu, so it greys the item out without a reload.
 */
export function SoldOutBoard({ menu: initialMenu }: { menu: KioskMenu }) {
  const t = useTranslations("soldOut");
  const tErrors = useTranslations("errors");
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const menuKey = trpc.menu.forKiosk.queryKey();
  useMenuEvents();
  const { data: menu } = useQuery(trpc.menu.forKiosk.queryOptions(undefined, { initialData: initialMenu, staleTime: 60_000 }));
  const [categoryId, setCategoryId] = useState<string | null>(initialMenu.categories[0]?.id ?? null);
  const [saving, setSaving] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<Notice | null>(null);
  const setSoldOut = useMutation(trpc.menu.setSoldOut.mutationOptions());
  // The page's own server render is the freshest word (another tablet may have switched an
  // item); it replaces whatever an earlier visit left in the shared cache.
  useEffect(() => {
    queryClient.setQueryData(trpc.menu.forKiosk.queryKey(), initialMenu);
  }, [queryClient, trpc, initialMenu]);

  const active = menu.categories.find((category) => category.id === categoryId) ?? menu.categories[0];
  const soldOutCount = menu.categories.reduce((sum, category) => sum + category.items.filter((item) => item.isSoldOut).length, 0);

  const toggle = async (item: KioskItem) => {
    if (saving.has(item.id)) return;
    const soldOut = !item.isSoldOut;
    setSaving((current) => new Set(current).add(item.id));
    queryClient.setQueryData(menuKey, (current: KioskMenu | undefined) => (current ? withSoldOut(current, item.id, soldOut) : current));
    try {
      const saved = await setSoldOut.mutateAsync({ itemId: item.id, soldOut });
      queryClient.setQueryData(menuKey, (current: KioskMenu | undefined) => (current ? withSoldOut(current, item.id, saved.isSoldOut) : current));
      setNotice({ tone: "done", text: t(saved.isSoldOut ? "changedSoldOut" : "changedAvailable", { item: nameIn(item, locale) }) });
    } catch (error) {
      queryClient.setQueryData(menuKey, (current: KioskMenu | undefined) => (current ? withSoldOut(current, item.id, item.isSoldOut) : current));
      const failure = describeFailure(error);
      setNotice({ tone: "error", text: failure.kind === "refused" ? refusalText(failure, tErrors, locale) : tErrors("generic") });
    } finally {
      setSaving((current) => {
        const next = new Set(current);
        next.delete(item.id);
        return next;
      });
    }
  };

  return (
    <div className="flex h-full min-w-0 flex-col">
      <div className="flex shrink-0 items-center gap-4 bg-white px-5 pt-3">
        <h1 className="text-xl font-bold">{t("title")}</h1>
        <p className="text-muted">{t("hint")}</p>
        <span
          data-testid="sold-out-count"
          className={`tabular ml-auto rounded-full px-3 py-1 text-sm font-bold ${soldOutCount > 0 ? "bg-red-50 text-red-700" : "bg-canvas text-muted"}`}
        >
          {t("count", { count: soldOutCount })}
        </span>
      </div>
      <div role="tablist" className="flex shrink-0 gap-2 overflow-x-auto bg-white px-4 py-3 shadow-[0_1px_0_var(--color-line)]">
        {menu.categories.map((category) => {
          const out = category.items.filter((item) => item.isSoldOut).length;
          return (
            <button
              key={category.id}
              type="button"
              role="tab"
              aria-selected={category.id === active?.id}
              onClick={() => setCategoryId(category.id)}
              className="flex min-h-12 shrink-0 items-center gap-1.5 rounded-xl px-5 text-base font-semibold text-muted active:bg-canvas aria-selected:bg-ink aria-selected:text-white"
            >
              {nameIn(category, locale)}
              {out > 0 ? <span className="tabular rounded-full bg-red-600 px-1.5 text-xs font-bold text-white">{out}</span> : null}
            </button>
          );
        })}
      </div>

      <p
        aria-live="polite"
        data-testid="sold-out-notice"
        className={`mx-4 mt-3 min-h-6 text-sm font-semibold ${notice?.tone === "error" ? "text-red-600" : "text-emerald-700"}`}
      >
        {notice?.text}
      </p>

      <div className="min-h-0 flex-1 overflow-y-auto px-4 pt-1 pb-4">
        {active && active.items.length > 0 ? (
          <ul role="tabpanel" aria-label={nameIn(active, locale)} className="grid grid-cols-4 gap-3 xl:grid-cols-5">
            {active.items.map((item) => {
              const busy = saving.has(item.id);
              const name = nameIn(item, locale);
              return (
                <li key={item.id}>
                  <button
                    type="button"
                    data-testid="sold-out-tile"
                    data-state={item.isSoldOut ? "sold-out" : "available"}
                    aria-pressed={item.isSoldOut}
                    aria-busy={busy}
                    aria-label={item.isSoldOut ? t("markAvailable", { item: name }) : t("markSoldOut", { item: name })}
                    onClick={() => void toggle(item)}
                    className={`relative flex h-full min-h-40 w-full flex-col overflow-hidden rounded-2xl text-left transition active:scale-[0.97] ${
                      item.isSoldOut ? "bg-red-50/60 ring-2 ring-red-500" : "bg-white shadow-[0_1px_3px_rgb(0_0_0/0.06)] ring-1 ring-black/[0.04]"
                    }`}
                  >
                    <div className="relative h-20">
                      <div className={`absolute inset-0 ${item.isSoldOut ? "grayscale" : "bg-gradient-to-b from-brand-50/70 to-white"}`}>
                        {item.imagePath ? (
                          <Image src={item.imagePath} alt="" fill unoptimized sizes="160px" className={`object-contain p-3 ${item.isSoldOut ? "opacity-30" : ""}`} />
                        ) : null}
                      </div>
                      {item.isSoldOut ? (
                        <span className="absolute inset-x-0 top-6 mx-auto w-fit rounded-full bg-red-600 px-3 py-1 text-sm font-bold text-white">
                          {t("soldOut")}
                        </span>
                      ) : null}
                    </div>
                    <div className="flex flex-1 flex-col justify-between gap-2 px-3.5 pt-1 pb-3">
                      <span aria-hidden className={`text-base leading-snug font-semibold break-keep ${item.isSoldOut ? "text-muted line-through" : ""}`}>
                        {name}
                      </span>
                      <span className="flex items-center justify-between gap-2" aria-hidden>
                        <span className="tabular text-sm text-muted">{formatWon(item.price, locale)}</span>
                        <span
                          className={`flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-bold ${
                            busy ? "bg-canvas text-muted" : item.isSoldOut ? "bg-red-600 text-white" : "bg-emerald-100 text-emerald-800"
                          }`}
                        >
                          {busy ? t("saving") : item.isSoldOut ? t("soldOut") : t("available")}
                        </span>
                      </span>
                    </div>
                  </button>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="py-20 text-center text-muted">{t("noItems")}</p>
        )}
      </div>
    </div>
  );
}
