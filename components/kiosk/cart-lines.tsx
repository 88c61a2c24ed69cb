import { lineTotal } from "@/lib/cart";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import { nameIn, optionNames, type KioskCart } from "./types";
import { DiscountRows } from "./discount-rows";
import { discountsOf, type Discount } from "./use-cart-quote";

/** The cart's lines as the payment and result screens list them: name × quantity, options, line total. */
export function CartLines({ cart, locale, className, discounts }: { cart: KioskCart; locale: Locale; className: string; discounts?: readonly Discount[] }) {
  return (
    <ul className={className}>
      {cart.map((line, index) => {
        const options = optionNames(line.item, line.optionIds, locale);
        return (
          <li key={line.key} className="flex flex-wrap gap-x-3 py-3">
            <div className="min-w-0 flex-1">
              <p className="font-semibold">
                {nameIn(line.item, locale)} <span className="tabular text-muted">×{line.quantity}</span>
              </p>
              {options.length > 0 ? <p className="text-sm text-muted">{options.join(" · ")}</p> : null}
            </div>
            <span className="tabular font-semibold">{formatWon(lineTotal(line), locale)}</span>
            <DiscountRows discounts={discountsOf(discounts, index)} locale={locale} className="mt-1 w-full space-y-0.5" />
          </li>
        );
      })}
    </ul>
  );
}
