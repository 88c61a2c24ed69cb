import { useTranslations } from "next-intl";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import type { Discount } from "./use-cart-quote";

/** "50% 할인 −2,250원" rows under a line: promotions and coupons, each named. */
export function DiscountRows({ discounts, locale, className }: { discounts: readonly Discount[]; locale: Locale; className?: string }) {
  const t = useTranslations("loyalty");
  if (discounts.length === 0) return null;
  return (
    <ul className={className ?? "mt-1 space-y-0.5"}>
      {discounts.map((discount, index) => (
        <li key={`${discount.kind}-${index}`} data-testid="line-discount" className="flex justify-between gap-2 text-sm font-semibold text-rose-600">
          <span className="min-w-0 truncate">
            {t(discount.kind === "promotion" ? "promotionLabel" : "couponLabel")} · {locale === "ko" ? discount.nameKo : discount.nameEn}
          </span>
          <span className="tabular shrink-0">−{formatWon(discount.amount, locale)}</span>
        </li>
      ))}
    </ul>
  );
}
