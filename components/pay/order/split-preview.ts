import { TOP_UP_MIN_WON, TOP_UP_STEP_WON } from "@/server/domain/pg/limits";
export { voucherCover } from "@/server/domain/payments/split";

/**
 * What the cart screen shows before paying: the meal voucher usable here now first, then the
 * wallet, and what is missing. Display only — the server splits again under its locks.
 */
export type SplitPreview = { voucher: bigint; wallet: bigint; shortfall: bigint };

export function previewSplit(total: bigint, funds: { voucher: bigint; wallet: bigint }): SplitPreview {
  const due = total > 0n ? total : 0n;
  const voucher = minOf(funds.voucher > 0n ? funds.voucher : 0n, due);
  const wallet = minOf(funds.wallet > 0n ? funds.wallet : 0n, due - voucher);
  return { voucher, wallet, shortfall: due - voucher - wallet };
}

/** Top-ups come in whole thousands; suggest the smallest that covers the shortfall. */
export function suggestedTopUp(shortfall: bigint): bigint {
  if (shortfall <= 0n) return 0n;
  const rounded = ((shortfall + TOP_UP_STEP_WON - 1n) / TOP_UP_STEP_WON) * TOP_UP_STEP_WON;
  // A card top-up has a minimum: suggesting less would only be refused on the next screen.
  return rounded < TOP_UP_MIN_WON ? TOP_UP_MIN_WON : rounded;
}

function minOf(a: bigint, b: bigint) {
  return a < b ? a : b;
}
