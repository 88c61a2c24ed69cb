"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import Image from "next/image";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { addToCart, cartCount, cartTotal, changeQuantity, checkoutLines, lineTotal, removeLine, unitPrice } from "@/lib/cart";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import type { StoreMenu } from "@/server/domain/menu/store-menu";
import { useTRPC } from "@/components/trpc/provider";
import { describeFailure, newIdempotencyKey, refusalText, type PaymentFailure } from "@/components/kiosk/payment-logic";
import { openCheckout } from "@/components/pay/top-up/open-checkout";
import { ItemSheet, Step } from "./item-sheet";
import { OrderCoupons } from "./order-coupons";
import { previewSplit, suggestedTopUp, voucherCover } from "./split-preview";
import { nameIn, optionNames, type Funds, type MenuItem, type OrderCart } from "./types";
import { StoreClosed, StoreHeader } from "./store-closed";
import type { HoursState } from "@/server/domain/stores/hours";

type Store = { id: string; code: string; nameKo: string; nameEn: string; hours: HoursState };
type SavedLine = { itemId: string; optionIds: string[]; quantity: number };

/** A dropped connection is retried with the same key this many times before asking the person. */
const SILENT_RETRIES = 2;

const cartStorageKey = (storeCode: string) => `canteen.order-ahead.cart.${storeCode}`;

/**
 * Order ahead at one store: its menu by category, a cart, then pay with the meal voucher
 * usable here now and the wallet. The cart survives a trip to top-up (session storage).
 */
export function OrderAhead(props: { store: Store; menu: StoreMenu; funds: Funds; locale: Locale }) {
  const { store, menu, locale } = props;
  const t = useTranslations("orderAhead");
  const tErrors = useTranslations("errors");
  const tRefusal = useTranslations("voucherRefusal");
  const tLoyalty = useTranslations("loyalty");
  const tCategories = useTranslations("voucherCategories");
  const trpc = useTRPC();
  const router = useRouter();
  const [categoryId, setCategoryId] = useState(menu.categories[0]?.id ?? null);
  const [cart, setCart] = useState<OrderCart>([]);
  const [restored, setRestored] = useState(false);
  const [picking, setPicking] = useState<MenuItem | null>(null);
  const [view, setView] = useState<"menu" | "cart">("menu");
  const [failure, setFailure] = useState<PaymentFailure | null>(null);
  // One key per payment attempt: a retry of the same cart after a dropped answer reuses it.
  const attemptKey = useRef<string | null>(null);

  const items = useMemo(() => new Map(menu.categories.flatMap((category) => category.items.map((item) => [item.id, item] as const))), [menu]);

  useEffect(() => {
    try {
      const saved = JSON.parse(sessionStorage.getItem(cartStorageKey(store.code)) ?? "[]") as SavedLine[];
      let next: OrderCart = [];
      for (const line of saved) {
        const item = items.get(line.itemId);
        if (item && !item.isSoldOut) next = addToCart(next, item, line.optionIds, line.quantity);
      }
      setCart(next);
    } catch {
      // an unreadable saved cart starts empty
    }
    setRestored(true);
    // Restored once per store: a later menu refresh (sold out, say) must not reset the cart.
  }, [store.code]);

  useEffect(() => {
    if (!restored) return;
    const saved: SavedLine[] = cart.map((line) => ({ itemId: line.item.id, optionIds: line.optionIds, quantity: line.quantity }));
    sessionStorage.setItem(cartStorageKey(store.code), JSON.stringify(saved));
  }, [cart, restored, store.code]);

  const updateCart = useCallback((change: (current: OrderCart) => OrderCart) => {
    attemptKey.current = null;
    setFailure(null);
    setCart(change);
  }, []);

  const fundsQuery = useQuery(trpc.orderAhead.funds.queryOptions({ storeId: store.id }, { initialData: props.funds, staleTime: 5_000 }));
  const funds = fundsQuery.data;
  // Priced by the server's pricing module: today's promotions and the chosen coupon.
  const [couponId, setCouponId] = useState<string | null>(null);
  const couponIds = couponId ? [couponId] : [];
  const quote = useQuery(
    trpc.loyalty.myQuote.queryOptions(
      { storeId: store.id, lines: checkoutLines(cart), couponIds },
      { enabled: cart.length > 0, placeholderData: keepPreviousData, staleTime: 10_000, retry: false },
    ),
  );
  const total = cart.length > 0 && quote.data && !quote.isError ? quote.data.total : cartTotal(cart);
  const discount = cart.length > 0 && quote.data && !quote.isError ? quote.data.promotionDiscount + quote.data.couponDiscount : 0n;
  const lineNets = cart.map((line, index) => ({
    categoryId: line.item.categoryId,
    net:
      lineTotal(line) -
      (quote.data && !quote.isError ? quote.data.discounts.filter((entry) => entry.cartIndex === index).reduce((sum, entry) => sum + entry.amount, 0n) : 0n),
  }));
  const split = previewSplit(total, { voucher: voucherCover(total, funds.vouchers, lineNets), wallet: funds.wallet });
  // Named only when every usable voucher is limited to some categories and a cart item is in none of them.
  const notForVoucher =
    funds.vouchers.length > 0 && funds.vouchers.every((voucher) => voucher.categoryIds !== null)
      ? [...new Set(cart.filter((line) => !funds.vouchers.some((voucher) => voucher.categoryIds?.includes(line.item.categoryId))).map((line) => nameIn(line.item, locale)))]
      : [];
  const couponProblem = (error: unknown) => {
    const failure = describeFailure(error);
    return failure.kind === "refused" ? refusalText(failure, tErrors, locale) : tErrors("generic");
  };

  const place = useMutation(trpc.orderAhead.place.mutationOptions());
  const startCard = useMutation(trpc.orderAhead.startCard.mutationOptions());
  // One key per card attempt, like `attemptKey`: a retried start returns the same checkout.
  const cardKey = useRef<string | null>(null);
  const payRestByCard = async () => {
    if (startCard.isPending || cart.length === 0) return;
    cardKey.current ??= newIdempotencyKey();
    setFailure(null);
    try {
      const started = await startCard.mutateAsync({
        idempotencyKey: cardKey.current,
        storeId: store.id,
        lines: checkoutLines(cart),
        ...(couponIds.length ? { couponIds } : {}),
        origin: window.location.origin,
      });
      // The cart stays saved until the order is paid; the success page clears it.
      await openCheckout(started.checkout);
    } catch (error) {
      const described = describeFailure(error);
      if (described.kind === "refused") cardKey.current = null;
      if (described.kind === "refused" && described.messageKey.startsWith("storeClosed")) router.refresh();
      void fundsQuery.refetch();
      setFailure(described);
    }
  };
  const pay = async () => {
    if (place.isPending || cart.length === 0) return;
    attemptKey.current ??= newIdempotencyKey();
    const request = { idempotencyKey: attemptKey.current, storeId: store.id, lines: checkoutLines(cart), ...(couponIds.length ? { couponIds } : {}) };
    setFailure(null);
    for (let attempt = 0; ; attempt++) {
      try {
        const paid = await place.mutateAsync(request);
        sessionStorage.removeItem(cartStorageKey(store.code));
        attemptKey.current = null;
        router.push(`/pay/order/${paid.orderId}?placed=1`);
        return;
      } catch (error) {
        const described = describeFailure(error);
        if (described.kind === "uncertain" && attempt < SILENT_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, 600 * (attempt + 1)));
          continue;
        }
        // A refusal rolled everything back: the next tap is a new attempt.
        if (described.kind === "refused") attemptKey.current = null;
        // A sold-out item or a store that just closed: the page shows the new state.
        if (described.kind === "refused" && ["menuItemSoldOut", "menuItemNotFound", "storeClosed", "storeClosedNoHours"].includes(described.messageKey)) router.refresh();
        void fundsQuery.refetch();
        setFailure(described);
        return;
      }
    }
  };

  const active = menu.categories.find((category) => category.id === categoryId) ?? menu.categories[0];
  const count = cartCount(cart);
  const storeName = nameIn(store, locale);

  if (store.hours.kind === "closed") return <StoreClosed storeName={storeName} hours={store.hours} />;

  if (view === "cart") {
    return (
      <div className="flex flex-1 flex-col">
        <header className="sticky top-0 z-10 flex items-center gap-1 bg-canvas/95 px-2 pt-3 pb-2 backdrop-blur">
          <BackButton label={t("backToMenu")} onClick={() => setView("menu")} />
          <div className="min-w-0">
            <h1 className="text-lg font-bold">{t("cartTitle")}</h1>
            <p className="truncate text-xs text-muted">{t("pickupAt", { store: storeName })}</p>
          </div>
        </header>
        <main className="flex-1 space-y-3 px-4 pt-1 pb-6" data-testid="order-cart">
          {cart.length === 0 ? (
            <div className="rounded-3xl bg-white px-6 py-12 text-center shadow-sm">
              <p className="text-muted">{t("cartEmpty")}</p>
              <button type="button" onClick={() => setView("menu")} className="mt-4 min-h-12 rounded-2xl bg-canvas px-5 font-semibold active:bg-line">
                {t("browseMenu")}
              </button>
            </div>
          ) : (
            <>
              <ul className="divide-y divide-line rounded-3xl bg-white px-5 shadow-sm">
                {cart.map((line) => {
                  const options = optionNames(line.item, line.optionIds, locale);
                  return (
                    <li key={line.key} className="py-4" data-testid="cart-line">
                      <div className="flex items-start justify-between gap-3">
                        <div className="min-w-0">
                          <p className="font-semibold break-keep">{nameIn(line.item, locale)}</p>
                          {options.length > 0 ? <p className="mt-0.5 text-sm text-muted">{options.join(" · ")}</p> : null}
                          <p className="tabular mt-0.5 text-sm text-muted">{formatWon(unitPrice(line.item, line.optionIds), locale)}</p>
                        </div>
                        <button
                          type="button"
                          onClick={() => updateCart((current) => removeLine(current, line.key))}
                          aria-label={t("removeLine", { name: nameIn(line.item, locale) })}
                          className="-mt-2 -mr-3 flex size-12 shrink-0 items-center justify-center rounded-full text-muted active:bg-canvas"
                        >
                          <svg viewBox="0 0 24 24" className="size-5" aria-hidden>
                            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
                          </svg>
                        </button>
                      </div>
                      <div className="mt-2 flex items-center justify-between">
                        <div className="flex items-center rounded-2xl bg-canvas p-0.5" role="group" aria-label={t("quantity")}>
                          <Step label={t("decrease")} sign="-" disabled={line.quantity <= 1} onClick={() => updateCart((current) => changeQuantity(current, line.key, -1))} />
                          <span className="tabular w-7 text-center font-bold" data-testid="line-quantity">
                            {line.quantity}
                          </span>
                          <Step label={t("increase")} sign="+" onClick={() => updateCart((current) => changeQuantity(current, line.key, 1))} />
                        </div>
                        <span className="tabular text-base font-bold">{formatWon(lineTotal(line), locale)}</span>
                      </div>
                    </li>
                  );
                })}
              </ul>
              <button type="button" onClick={() => setView("menu")} className="flex min-h-12 w-full items-center justify-center rounded-2xl bg-white text-[15px] font-semibold text-brand-600 shadow-sm active:bg-brand-50">
                {t("addMore")}
              </button>

              <section className="rounded-3xl bg-white p-5 shadow-sm" data-testid="payment-preview">
                <h2 className="text-base font-bold">{t("paymentTitle")}</h2>
                <OrderCoupons
                  storeId={store.id}
                  chosen={couponId}
                  problem={couponId && quote.isError ? couponProblem(quote.error) : null}
                  onChoose={(next) => {
                    attemptKey.current = null;
                    cardKey.current = null;
                    setCouponId(next);
                  }}
                  locale={locale}
                />
                <dl className="mt-3 space-y-2.5 text-[15px]">
                  {discount > 0n ? <Row label={tLoyalty("listTotal")} value={formatWon(total + discount, locale)} /> : null}
                  {discount > 0n ? <Row label={tLoyalty("discountTotal")} value={`−${formatWon(discount, locale)}`} testId="preview-discount" /> : null}
                  <Row label={t("orderTotal")} value={formatWon(total, locale)} />
                  <Row
                    label={t("voucherPays")}
                    hint={funds.voucher > 0n ? t("voucherAvailable", { amount: formatWon(funds.voucher, locale) }) : funds.voucherRefusal ? tRefusal(funds.voucherRefusal) : t("noVoucher")}
                    value={minus(split.voucher, locale)}
                    testId="preview-voucher"
                  />
                  <Row
                    label={t("walletPays")}
                    hint={t("walletBalance", { amount: formatWon(funds.wallet, locale) })}
                    value={minus(split.wallet, locale)}
                    testId="preview-wallet"
                  />
                </dl>
                {notForVoucher.length > 0 ? (
                  <p className="mt-2 text-sm break-keep text-amber-700" data-testid="preview-voucher-excluded">
                    {tCategories("excludedItems", { items: notForVoucher.join(", ") })}
                  </p>
                ) : null}
                {split.shortfall > 0n ? (
                  <div className="mt-4 rounded-2xl bg-red-50 p-4" data-testid="shortfall">
                    <p className="font-semibold text-red-700">{t("shortBy", { amount: formatWon(split.shortfall, locale) })}</p>
                    <p className="mt-1 text-sm break-keep text-red-700/80">{t("shortHint")}</p>
                    <Link
                      href={`/pay/top-up?amount=${suggestedTopUp(split.shortfall)}`}
                      className="mt-3 flex min-h-12 items-center justify-center rounded-xl bg-white font-semibold text-red-700 ring-1 ring-red-200 active:bg-red-100"
                    >
                      {t("topUp", { amount: formatWon(suggestedTopUp(split.shortfall), locale) })}
                    </Link>
                    <button
                      type="button"
                      onClick={() => void payRestByCard()}
                      disabled={startCard.isPending}
                      data-testid="pay-rest-by-card"
                      className="mt-2 flex min-h-12 w-full items-center justify-center rounded-xl bg-red-600 font-semibold text-white active:bg-red-700 disabled:opacity-60"
                    >
                      {startCard.isPending ? t("card.startingCard") : t("card.payRestByCard", { amount: formatWon(split.shortfall, locale) })}
                    </button>
                  </div>
                ) : null}
              </section>

              {failure ? (
                <p role="alert" className="rounded-2xl bg-red-50 px-4 py-3 text-sm font-medium text-red-700" data-testid="order-error">
                  {failure.kind === "uncertain" ? t("uncertain") : refusalText(failure, tErrors, locale)}
                </p>
              ) : null}
            </>
          )}
        </main>
        {cart.length > 0 ? (
          <div className="sticky bottom-[calc(76px+env(safe-area-inset-bottom))] z-10 px-4 pb-3">
            <button
              type="button"
              onClick={() => void pay()}
              disabled={place.isPending || split.shortfall > 0n}
              data-testid="place-order"
              className="flex min-h-14 w-full items-center justify-center gap-2 rounded-2xl bg-brand-500 text-[17px] font-bold text-white shadow-[0_6px_16px_rgba(49,130,246,0.35)] active:bg-brand-600 disabled:bg-line disabled:text-muted disabled:shadow-none"
            >
              {place.isPending ? t("paying") : failure?.kind === "uncertain" ? t("retryPay") : t("pay", { amount: formatWon(total, locale) })}
            </button>
          </div>
        ) : null}
      </div>
    );
  }

  return (
    <div className="flex flex-1 flex-col">
      <StoreHeader storeName={storeName}>
        <p className="text-xs text-muted">{t("orderAheadHint")}</p>
      </StoreHeader>
      <div role="tablist" aria-label={t("categories")} className="sticky top-0 z-10 flex gap-1.5 overflow-x-auto bg-canvas/95 px-4 py-2.5 backdrop-blur">
        {menu.categories.map((category) => (
          <button
            key={category.id}
            type="button"
            role="tab"
            aria-selected={category.id === active?.id}
            onClick={() => setCategoryId(category.id)}
            className="min-h-11 shrink-0 rounded-full bg-white px-4 text-[15px] font-semibold text-muted shadow-sm aria-selected:bg-ink aria-selected:text-white"
          >
            {nameIn(category, locale)}
          </button>
        ))}
      </div>
      <main className="flex-1 px-4 pt-1 pb-24">
        {active && active.items.length > 0 ? (
          <ul role="tabpanel" aria-label={nameIn(active, locale)} className="divide-y divide-line rounded-3xl bg-white px-2 shadow-sm" data-testid="order-menu">
            {active.items.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  data-testid="menu-item"
                  disabled={item.isSoldOut}
                  aria-disabled={item.isSoldOut}
                  onClick={() => setPicking(item)}
                  className="group flex min-h-20 w-full items-center gap-3 rounded-2xl px-3 py-3 text-left active:bg-canvas disabled:active:bg-white"
                >
                  <span className="relative size-14 shrink-0 rounded-2xl bg-brand-50 group-disabled:grayscale">
                    {item.imagePath ? <Image src={item.imagePath} alt="" fill unoptimized sizes="56px" className="object-contain p-2 group-disabled:opacity-40" /> : null}
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="block font-semibold break-keep group-disabled:text-muted">{nameIn(item, locale)}</span>
                    <span className="tabular block text-[15px] font-bold group-disabled:font-medium group-disabled:text-muted">{formatWon(item.price, locale)}</span>
                  </span>
                  {item.isSoldOut ? (
                    <span className="shrink-0 rounded-full bg-canvas px-3 py-1 text-xs font-bold text-muted" data-testid="sold-out">
                      {t("soldOut")}
                    </span>
                  ) : (
                    <span aria-hidden className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-50 text-brand-600">
                      <svg viewBox="0 0 24 24" className="size-4">
                        <path d="M5 12h14M12 5v14" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />
                      </svg>
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="py-16 text-center text-muted">{t("noItems")}</p>
        )}
      </main>
      {count > 0 ? (
        <div className="fixed inset-x-0 bottom-[calc(80px+env(safe-area-inset-bottom))] z-20 mx-auto max-w-md px-4">
          <button
            type="button"
            onClick={() => setView("cart")}
            data-testid="open-cart"
            className="flex min-h-14 w-full items-center justify-between rounded-2xl bg-ink px-5 text-white shadow-[0_8px_20px_rgba(25,31,40,0.3)] active:bg-black"
          >
            <span className="flex items-center gap-2 font-semibold">
              <span className="tabular flex size-7 items-center justify-center rounded-full bg-brand-500 text-sm font-bold" data-testid="cart-count">
                {count}
              </span>
              {t("viewCart")}
            </span>
            <span className="tabular text-[17px] font-bold">{formatWon(total, locale)}</span>
          </button>
        </div>
      ) : null}
      {picking ? (
        <ItemSheet
          item={picking}
          locale={locale}
          onClose={() => setPicking(null)}
          onAdd={(optionIds, quantity) => {
            updateCart((current) => addToCart(current, picking, optionIds, quantity));
            setPicking(null);
          }}
        />
      ) : null}
    </div>
  );
}

/** What a tender takes off the total; nothing taken reads as 0, not "-0". */
function minus(amount: bigint, locale: Locale) {
  return amount > 0n ? `-${formatWon(amount, locale)}` : formatWon(0n, locale);
}

function Row(props: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="flex items-start justify-between gap-3">
      <dt>
        <span className="block">{props.label}</span>
        {props.hint ? <span className="block text-xs text-muted">{props.hint}</span> : null}
      </dt>
      <dd className="tabular font-semibold" data-testid={props.testId}>
        {props.value}
      </dd>
    </div>
  );
}

function BackButton(props: { label: string; onClick: () => void }) {
  return (
    <button type="button" onClick={props.onClick} aria-label={props.label} className="flex size-12 items-center justify-center rounded-full active:bg-white">
      <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
        <path d="M15 5l-7 7 7 7" />
      </svg>
    </button>
  );
}
