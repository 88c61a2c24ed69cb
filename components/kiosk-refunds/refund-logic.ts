/**
 * The refund screen's arithmetic, the same rules as server/domain/payments/refund-order.ts:
 * each chosen unit gives back what was paid for it (its share of the line's net price), capped at what the order still holds; the
 * refund that takes everything left takes exactly the rest (so a discount never strands won).
 */
export type RefundLineState = {
  id: string;
  unitPrice: bigint;
  quantity: number;
  refundedQuantity: number;
  /** What the line cost after promotions and coupons; units give back their share of it. */
  netTotal?: bigint;
};

/** Units from..to of the line's net price, by cumulative floors (server: pricing/discount.ts shareOf). */
function paidFor(line: RefundLineState, units: number) {
  if (line.netTotal === undefined) return line.unitPrice * BigInt(units);
  const q = BigInt(line.quantity);
  const from = BigInt(line.refundedQuantity);
  return (line.netTotal * (from + BigInt(units))) / q - (line.netTotal * from) / q;
}
export type RefundOrderState = { total: bigint; refundedAmount: bigint; lines: RefundLineState[] };
/** Chosen quantity per line id. */
export type Selection = Record<string, number>;

export const leftOf = (line: RefundLineState) => line.quantity - line.refundedQuantity;

export function refundAmount(order: RefundOrderState, selection: Selection): bigint {
  const remaining = order.total - order.refundedAmount;
  const chosen = order.lines.reduce((sum, line) => sum + paidFor(line, clampChoice(line, selection[line.id] ?? 0)), 0n);
  if (chosen === 0n) return 0n;
  const everything = order.lines.every((line) => line.refundedQuantity + clampChoice(line, selection[line.id] ?? 0) === line.quantity);
  if (everything) return remaining;
  return chosen < remaining ? chosen : remaining;
}

export function clampChoice(line: RefundLineState, quantity: number) {
  return Math.max(0, Math.min(leftOf(line), Math.trunc(quantity)));
}

/** Everything still refundable chosen. */
export function selectAll(order: RefundOrderState): Selection {
  return Object.fromEntries(order.lines.filter((line) => leftOf(line) > 0).map((line) => [line.id, leftOf(line)]));
}

/** The request's lines: only those with something chosen. */
export function selectedLines(order: RefundOrderState, selection: Selection) {
  return order.lines
    .map((line) => ({ lineId: line.id, quantity: clampChoice(line, selection[line.id] ?? 0) }))
    .filter((line) => line.quantity > 0);
}

export const isRefundable = (order: RefundOrderState & { status: string }) =>
  order.status !== "refunded" && order.total > order.refundedAmount && order.lines.some((line) => leftOf(line) > 0);

/** The reason as it is stored: the quick pick, then the barista's note. */
export function composeReason(pick: string | null, note: string): string {
  const text = note.trim();
  if (pick && text) return `${pick}: ${text}`.slice(0, 200);
  return (pick ?? text).slice(0, 200);
}

/** Digits of a PIN being typed: at most 6. */
export function appendPinDigit(pin: string, digit: string) {
  if (!/^[0-9]$/.test(digit) || pin.length >= 6) return pin;
  return pin + digit;
}

export const pinComplete = (pin: string) => /^[0-9]{4,6}$/.test(pin);
