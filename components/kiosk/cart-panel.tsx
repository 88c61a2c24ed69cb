"use client";

import { useTranslations } from "next-intl";
import { cartCount, cartTotal, lineTotal, MAX_QUANTITY } from "@/lib/cart";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import { StepButton } from "./option-sheet";
import { nameIn, optionNames, type KioskCart } from "./types";
import { DiscountRows } from "./discount-rows";
import { discountsOf, type CartQuote } from "./use-cart-quote";

/** The order being rung up: lines with their options, quantities, the running total, and "pay". */
export function CartPanel(props: {
  cart: KioskCart;
  locale: Locale;
  soldOutIds: ReadonlySet<string>;
  onChange: (key: string, delta: number) => void;
  onRemove: (key: string) => void;
  onClear: () => void;
  onPay: () => void;
  quote: CartQuote | null;
}) {
  const { cart, locale, soldOutIds, quote } = props;
  const t = useTranslations("kiosk");
  const count = cartCount(cart);
  const total = quote ? quote.total : cartTotal(cart);
  const blocked = cart.some((line) => soldOutIds.has(line.item.id));

  return (
    <aside aria-label={t("cart")} data-testid="cart" className="flex h-full min-h-0 flex-col border-l border-line bg-white">
      <div className="flex min-h-16 shrink-0 items-center gap-2 px-5">
        <h2 className="text-xl font-bold">{t("cart")}</h2>
        {count > 0 ? (
          <span className="tabular rounded-full bg-brand-500 px-2.5 py-0.5 text-sm font-bold text-white" data-testid="cart-count">
            {count}
          </span>
        ) : null}
        <button
          type="button"
          onClick={props.onClear}
          disabled={cart.length === 0}
          className="-mr-2 ml-auto min-h-12 rounded-xl px-3 text-base font-semibold text-muted active:bg-canvas disabled:invisible"
        >
          {t("clearCart")}
        </button>
      </div>

      {cart.length === 0 ? (
        <div className="flex flex-1 flex-col items-center justify-center gap-3 px-8 text-center text-muted">
          <svg viewBox="0 0 48 48" className="size-14 text-line" aria-hidden>
            <path d="M8 10h5l4 22h20l4-15H15" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" strokeLinecap="round" />
            <circle cx="19" cy="39" r="3" fill="currentColor" />
            <circle cx="34" cy="39" r="3" fill="currentColor" />
          </svg>
          <p className="text-base">{t("cartEmpty")}</p>
        </div>
      ) : (
        <ul className="min-h-0 flex-1 divide-y divide-line overflow-y-auto px-5">
          {cart.map((line, index) => {
            const options = optionNames(line.item, line.optionIds, locale);
            const discounts = discountsOf(quote?.discounts, index);
            const discounted = discounts.reduce((sum, discount) => sum + discount.amount, 0n);
            const soldOut = soldOutIds.has(line.item.id);
            return (
              <li key={line.key} data-testid="cart-line" className="py-3">
                <div className="flex items-start gap-2">
                  <div className="min-w-0 flex-1 pt-1">
                    <p className="flex items-center gap-2 text-[17px] leading-snug font-semibold">
                      <span data-testid="cart-line-name">{nameIn(line.item, locale)}</span>
                      {soldOut ? <span className="rounded-md bg-red-50 px-1.5 py-0.5 text-xs font-bold text-red-600">{t("soldOut")}</span> : null}
                    </p>
                    {options.length > 0 ? (
                      <p className="mt-0.5 text-sm text-muted" data-testid="cart-line-options">
                        {options.join(" · ")}
                      </p>
                    ) : null}
                  </div>
                  <button
                    type="button"
                    aria-label={t("removeLine", { item: nameIn(line.item, locale) })}
                    onClick={() => props.onRemove(line.key)}
                    className="-mt-1 -mr-3 flex size-12 shrink-0 items-center justify-center rounded-xl text-muted active:bg-canvas"
                  >
                    <svg viewBox="0 0 24 24" className="size-5" aria-hidden>
                      <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
                    </svg>
                  </button>
                </div>
                <div className="mt-1 flex items-center justify-between">
                  <div className="flex items-center rounded-xl bg-canvas" role="group" aria-label={t("quantity")}>
                    <StepButton label={t("decrease")} sign="-" disabled={line.quantity <= 1} onClick={() => props.onChange(line.key, -1)} />
                    <span className="tabular w-8 text-center text-lg font-bold" data-testid="cart-line-quantity">
                      {line.quantity}
                    </span>
                    <StepButton
                      label={t("increase")}
                      sign="+"
                      disabled={line.quantity >= MAX_QUANTITY}
                      onClick={() => props.onChange(line.key, 1)}
                    />
                  </div>
                  <span className="flex flex-col items-end">
                    {discounted > 0n ? (
                      <span className="tabular text-sm text-muted line-through" data-testid="cart-line-list-price">
                        {formatWon(lineTotal(line), locale)}
                      </span>
                    ) : null}
                    <span className="tabular text-lg font-bold" data-testid="cart-line-total">
                      {formatWon(lineTotal(line) - discounted, locale)}
                    </span>
                  </span>
                </div>
                <DiscountRows discounts={discounts} locale={locale} />
              </li>
            );
          })}
        </ul>
      )}

      <div className="shrink-0 border-t border-line px-5 pt-4 pb-5">
        <div className="mb-3 flex items-baseline justify-between">
          <span className="text-base font-semibold text-muted">{t("total")}</span>
          <span className="tabular text-3xl font-extrabold tracking-tight" data-testid="cart-total">
            {formatWon(total, locale)}
          </span>
        </div>
        {blocked ? <p className="mb-2 text-sm font-medium text-red-600">{t("removeSoldOut")}</p> : null}
        <button
          type="button"
          onClick={props.onPay}
          disabled={cart.length === 0 || blocked}
          data-testid="checkout"
          className="min-h-16 w-full rounded-2xl bg-brand-500 text-xl font-bold text-white active:bg-brand-600 disabled:bg-line disabled:text-muted"
        >
          {t("pay")}
        </button>
      </div>
    </aside>
  );
}
