import { lineTotal } from "@/lib/cart";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import { nameIn, optionNames, type KioskCart } from "./types";

/** The cart's lines as the payment and result screens list them: name × quantity, options, line total. */
export function CartLines({ cart, locale, className }: { cart: KioskCart; locale: Locale; className: string }) {
  return (
    <ul className={className}>
      {cart.map((line) => {
        const options = optionNames(line.item, line.optionIds, locale);
        return (
          <li key={line.key} className="flex gap-3 py-3">
            <div className="min-w-0 flex-1">
              <p className="font-semibold">
                {nameIn(line.item, locale)} <span className="tabular text-muted">×{line.quantity}</span>
              </p>
              {options.length > 0 ? <p className="text-sm text-muted">{options.join(" · ")}</p> : null}
            </div>
            <span className="tabular font-semibold">{formatWon(lineTotal(line), locale)}</span>
          </li>
        );
      })}
    </ul>
  );
}
