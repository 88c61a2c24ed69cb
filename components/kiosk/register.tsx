"use client";

import { useCallback, useMemo, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale } from "next-intl";
import { addToCart, changeQuantity, clearCart, removeLine } from "@/lib/cart";
import { toLocale } from "@/i18n/locales";
import { useTRPC } from "@/components/trpc/provider";
import { CartPanel } from "./cart-panel";
import { MenuGrid } from "./menu-grid";
import { OptionSheet } from "./option-sheet";
import { PaymentPanel, type CheckoutResult } from "./payment-panel";
import { PaymentResult } from "./payment-result";
import { useMenuEvents } from "./use-menu-events";
import type { KioskCart, KioskItem, KioskMenu } from "./types";
import { useCartQuote } from "./use-cart-quote";

type View = { name: "order" } | { name: "pay" } | { name: "paid"; result: CheckoutResult };

/** The counter: ring up (menu + cart), take payment, show the pickup number, start over. */
export function Register({ menu: initialMenu }: { menu: KioskMenu }) {
  const locale = toLocale(useLocale());
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The server component's menu first; refreshed when a payment says it has changed (sold out).
  const { data: menu } = useQuery(trpc.menu.forKiosk.queryOptions(undefined, { initialData: initialMenu, staleTime: 60_000 }));
  // A manager's edit reaches this screen live: the stream says "changed", the query refetches.
  useMenuEvents();
  const [cart, setCart] = useState<KioskCart>(clearCart());
  const [sheetItem, setSheetItem] = useState<KioskItem | null>(null);
  const [view, setView] = useState<View>({ name: "order" });
  const [categoryId, setCategoryId] = useState<string | null>(initialMenu.categories[0]?.id ?? null);
  const quote = useCartQuote(cart);

  const soldOutIds = useMemo(
    () => new Set(menu.categories.flatMap((category) => category.items.filter((item) => item.isSoldOut).map((item) => item.id))),
    [menu],
  );

  const refreshMenu = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.menu.forKiosk.queryKey() });
  }, [queryClient, trpc]);

  const pick = useCallback((item: KioskItem) => {
    if (item.isSoldOut) return;
    // No options: one tap and it is in the cart.
    if (item.optionGroups.length === 0) setCart((current) => addToCart(current, item));
    else setSheetItem(item);
  }, []);

  const closeSheet = useCallback(() => setSheetItem(null), []);

  if (view.name === "paid") {
    return (
      <PaymentResult
        result={view.result}
        cart={cart}
        locale={locale}
        onNewOrder={() => {
          setCart(clearCart());
          setCategoryId(menu.categories[0]?.id ?? null);
          setView({ name: "order" });
        }}
      />
    );
  }

  if (view.name === "pay") {
    return (
      <PaymentPanel
        cart={cart}
        quote={quote}
        locale={locale}
        onBack={() => setView({ name: "order" })}
        onPaid={(result) => {
          setView({ name: "paid", result });
          refreshMenu();
        }}
        onMenuStale={refreshMenu}
      />
    );
  }

  return (
    <div className="flex h-full min-h-0">
      <div className="min-w-0 flex-1">
        <MenuGrid menu={menu} locale={locale} activeId={categoryId} onSelectCategory={setCategoryId} onPick={pick} />
      </div>
      <div className="w-[340px] shrink-0 xl:w-[380px]">
        <CartPanel
          cart={cart}
          locale={locale}
          soldOutIds={soldOutIds}
          quote={quote}
          onChange={(key, delta) => setCart((current) => changeQuantity(current, key, delta))}
          onRemove={(key) => setCart((current) => removeLine(current, key))}
          onClear={() => setCart(clearCart())}
          onPay={() => setView({ name: "pay" })}
        />
      </div>
      {sheetItem ? (
        <OptionSheet
          key={sheetItem.id}
          item={sheetItem}
          locale={locale}
          onClose={closeSheet}
          onAdd={(optionIds, quantity) => {
            setCart((current) => addToCart(current, sheetItem, optionIds, quantity));
            setSheetItem(null);
          }}
        />
      ) : null}
    </div>
  );
}
