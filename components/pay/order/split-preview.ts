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
  return ((shortfall + 999n) / 1_000n) * 1_000n;
}

function minOf(a: bigint, b: bigint) {
  return a < b ? a : b;
}
