"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { lineTotal } from "@/lib/cart";
import { formatWon } from "@/lib/money";
import type { Locale } from "@/i18n/locales";
import { useTRPC } from "@/components/trpc/provider";
import type { CheckoutResult } from "./payment-panel";
import { nameIn, optionNames, type KioskCart } from "./types";

const PX_PER_MM = 96 / 25.4;
/** An 80 mm roll prints about 72 mm wide; the rest is the printer's own margin. */
const PAPER_WIDTH_MM = 80;

/**
 * The paper receipt for an 80 mm receipt printer, printed through the browser's dialog.
 * It lives in a node of its own under <body>: in print every other node of the body is
 * hidden, and the page is exactly as long as the receipt, so a roll printer cuts no blank
 * paper. On screen it sits off-canvas (measured, never seen).
 */
export function PrintableReceipt(props: { result: CheckoutResult; cart: KioskCart; locale: Locale; paidAt: Date }) {
  const { result, cart, locale } = props;
  const t = useTranslations("receipt");
  const tLoyalty = useTranslations("loyalty");
  const tKiosk = useTranslations("kiosk");
  const trpc = useTRPC();
  const { data: profile } = useQuery(trpc.session.profile.queryOptions(undefined, { staleTime: Infinity }));
  const [host, setHost] = useState<HTMLElement | null>(null);
  const [heightMm, setHeightMm] = useState(150);
  const paper = useRef<HTMLDivElement>(null);
  const cash = result.tenders.find((tender) => tender.kind === "cash");
  const store = profile ? (locale === "ko" ? profile.storeKo : profile.storeEn) : null;
  const won = (amount: bigint) => formatWon(amount, locale);

  useEffect(() => setHost(document.body), []);
  useLayoutEffect(() => {
    const element = paper.current;
    if (!element) return;
    const measure = () => setHeightMm(Math.ceil(element.getBoundingClientRect().height / PX_PER_MM) + 4);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [host]);

  const tenderLabel = (tender: CheckoutResult["tenders"][number]) => {
    if (tender.kind === "voucher") {
      return tender.meal && tKiosk.has(`meal.${tender.meal}`)
        ? tKiosk("tender.voucherMeal", { meal: tKiosk(`meal.${tender.meal}`) })
        : tKiosk("tender.voucher");
    }
    return tKiosk(`tender.${tender.kind}`);
  };

  if (!host) return null;
  return createPortal(
    <div data-print-receipt="" aria-hidden="true">
      <style>{`
        [data-print-receipt] { position: fixed; top: 0; left: -10000px; visibility: hidden; pointer-events: none; }
        @media print {
          @page { size: ${PAPER_WIDTH_MM}mm ${heightMm}mm; margin: 0; }
          html, body { background: #fff !important; min-height: 0 !important; height: auto !important; }
          body > *:not([data-print-receipt]) { display: none !important; }
          [data-print-receipt] { position: static; left: auto; visibility: visible; }
        }
      `}</style>
      <div
        ref={paper}
        data-testid="print-receipt"
        style={{ width: `${PAPER_WIDTH_MM}mm` }}
        className="bg-white px-[4mm] py-[3mm] font-sans text-[11pt] leading-snug text-black"
      >
        <p className="text-center text-[13pt] font-bold" data-testid="print-receipt-store">
          {store ?? ""}
        </p>
        {profile?.receiptHeader ? (
          <p className="text-center text-[9pt] whitespace-pre-line" data-testid="print-receipt-header">
            {profile.receiptHeader}
          </p>
        ) : null}
        <p className="text-center text-[10pt]">{t("title")}</p>
        <div className="my-[2mm] border-y border-dashed border-black py-[2mm] text-center">
          <p className="text-[10pt]">{t("pickupNumber")}</p>
          <p className="tabular text-[34pt] leading-none font-extrabold" data-testid="print-receipt-number">
            {result.pickupNumber}
          </p>
        </div>
        <p className="tabular flex justify-between text-[10pt]">
          <span>{t("time")}</span>
          <span data-testid="print-receipt-time">
            {props.paidAt.toLocaleString(locale === "ko" ? "ko-KR" : "en-US", {
              year: "numeric",
              month: "2-digit",
              day: "2-digit",
              hour: "2-digit",
              minute: "2-digit",
              hourCycle: "h23",
            })}
          </span>
        </p>
        <ul className="mt-[2mm] border-t border-dashed border-black pt-[1mm]">
          {cart.map((line, index) => {
            const options = optionNames(line.item, line.optionIds, locale);
            const discounts = result.discounts.filter((discount) => discount.cartIndex === index);
            return (
              <li key={line.key} className="py-[1mm]" data-testid="print-receipt-line">
                <p className="flex justify-between gap-[2mm]">
                  <span className="min-w-0">
                    {nameIn(line.item, locale)} ×{line.quantity}
                  </span>
                  <span className="tabular shrink-0">{won(lineTotal(line))}</span>
                </p>
                {options.length > 0 ? <p className="pl-[2mm] text-[9pt]">{options.join(" · ")}</p> : null}
                {discounts.map((discount, position) => (
                  <p key={position} className="flex justify-between gap-[2mm] pl-[2mm] text-[10pt]" data-testid="print-receipt-discount">
                    <span className="min-w-0">
                      {tLoyalty(discount.kind === "promotion" ? "promotionLabel" : "couponLabel")} {locale === "ko" ? discount.nameKo : discount.nameEn}
                    </span>
                    <span className="tabular shrink-0">−{won(discount.amount)}</span>
                  </p>
                ))}
              </li>
            );
          })}
        </ul>
        <dl className="tabular mt-[1mm] border-t border-dashed border-black pt-[1mm]">
          {result.promotionDiscount + result.couponDiscount > 0n ? (
            <>
              <div className="flex justify-between">
                <dt>{tLoyalty("listTotal")}</dt>
                <dd>{won(result.subtotal)}</dd>
              </div>
              <div className="flex justify-between" data-testid="print-receipt-discount-total">
                <dt>{tLoyalty("discountTotal")}</dt>
                <dd>−{won(result.promotionDiscount + result.couponDiscount)}</dd>
              </div>
            </>
          ) : null}
          <div className="flex justify-between text-[12pt] font-bold">
            <dt>{t("total")}</dt>
            <dd>{won(result.total)}</dd>
          </div>
          {result.tenders.map((tender, index) => (
            <div key={`${tender.kind}-${index}`} className="flex justify-between" data-testid="print-receipt-tender">
              <dt>{tenderLabel(tender)}</dt>
              <dd>{won(tender.amount)}</dd>
            </div>
          ))}
          {cash ? (
            <>
              <div className="flex justify-between">
                <dt>{t("cashTendered")}</dt>
                <dd>{won(cash.amount + result.changeDue)}</dd>
              </div>
              <div className="flex justify-between">
                <dt>{t("change")}</dt>
                <dd>{won(result.changeDue)}</dd>
              </div>
            </>
          ) : null}
          {result.card?.approvalNumber ? (
            <p className="text-right text-[9pt]" data-testid="print-receipt-approval">
              {tKiosk("approvalNumber", { number: result.card.approvalNumber })}
            </p>
          ) : null}
          {/* A group payment has several wallets; their shares are on the screen, not on the slip. */}
          {result.walletBalance !== null && result.payers.length < 2 ? (
            <div className="flex justify-between text-[9pt]">
              <dt>{t("walletLeft")}</dt>
              <dd>{won(result.walletBalance)}</dd>
            </div>
          ) : null}
        </dl>
        <p className="mt-[2mm] border-t border-dashed border-black pt-[2mm] text-center text-[10pt]">{t("thanks")}</p>
      </div>
    </div>,
    host,
  );
}

/** Opens the browser's print dialog; the printable receipt above is all that prints. */
export function PrintReceiptButton({ className }: { className?: string }) {
  const t = useTranslations("receipt");
  return (
    <button
      type="button"
      data-testid="print-receipt-button"
      onClick={() => window.print()}
      className={`flex min-h-12 items-center gap-2 rounded-xl px-4 font-semibold ring-1 ring-line active:bg-canvas ${className ?? ""}`}
    >
      <svg viewBox="0 0 24 24" className="size-5" aria-hidden>
        <path d="M7 9V3h10v6M7 17H4v-7h16v7h-3M7 14h10v7H7z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
      </svg>
      {t("print")}
    </button>
  );
}
