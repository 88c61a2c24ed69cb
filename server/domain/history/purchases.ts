import { asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  orderLines,
  orders,
  paymentTenders,
  refunds,
  stores,
  voucherGrants,
  type Meal,
  type OrderStatus,
  type TenderKind,
} from "@/db/schema";
import { DomainError } from "../errors";
import { storedLineDiscounts } from "../pricing/stored-discounts";
import { listedStatus } from "../orders/listed-status";
import { seoulMonthRange } from "./month";

/** One purchase as the employee who paid (or helped pay) for it sees it. */
export type Purchase = {
  id: string;
  storeId: string;
  storeKo: string;
  storeEn: string;
  pickupNumber: number;
  status: OrderStatus;
  source: "kiosk" | "pay_app";
  createdAt: Date;
  paidAt: Date | null;
  subtotal: bigint;
  discount: bigint;
  total: bigint;
  /** Refunded on the whole order, whoever got it back. */
  refundedAmount: bigint;
  lines: PurchaseLine[];
  /** How many people paid together (함께결제); 1 for an ordinary purchase. */
  payerCount: number;
  /** Only what this employee paid; in a group, the others' tenders are summed in `othersPaid`. */
  tenders: PurchaseTender[];
  myPaid: bigint;
  myRefunded: bigint;
  othersPaid: bigint;
  refunds: PurchaseRefund[];
};

export type PurchaseLine = {
  id: string;
  lineNo: number;
  nameKo: string;
  nameEn: string;
  options: { nameKo: string; nameEn: string; priceDelta: bigint }[];
  unitPrice: bigint;
  quantity: number;
  lineTotal: bigint;
  refundedQuantity: number;
  /** Promotions and coupons on this line, and what it cost after them. */
  discounts: { kind: "promotion" | "coupon"; nameKo: string; nameEn: string; amount: bigint }[];
  netTotal: bigint;
};

export type PurchaseTender = {
  kind: TenderKind;
  meal: Meal | null;
  amount: bigint;
  refundedAmount: bigint;
  /** The card terminal's approval number. */
  approvalNumber: string | null;
  cashTendered: bigint | null;
};

export type PurchaseRefund = {
  id: string;
  createdAt: Date;
  amount: bigint;
  reason: string;
  lines: { lineId: string; nameKo: string; nameEn: string; quantity: number; amount: bigint }[];
  /**
   * Where each part went back (the last tender first). Left out of a group payment: it would
   * tell this employee what went back to the others' wallets and vouchers.
   */
  tenders: { kind: TenderKind; amount: bigint; to: string }[] | null;
};

export const PAGE_SIZE_MAX = 50;

export type ListPurchasesInput = {
  employeeId: string;
  /** A Seoul month, `YYYY-MM`; all months when absent. */
  month?: string;
  /** From the previous page's `nextCursor`. */
  cursor?: string;
  limit: number;
};

/** A page cursor: the last order's creation time to the microsecond (UTC) and its id. */
export const CURSOR_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)~([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * The orders this employee paid for, newest first: the ones they paid alone (found by
 * `orders.payer_id`) and group payments where another person scanned first (found from
 * their own wallet's and vouchers' payment legs). Every path starts from an index on the
 * employee (orders_payer_idx, voucher_grants_employee_idx → payment_tenders_grant_idx,
 * accounts_owner_key → ledger_entries_account_idx), never a scan of all orders.
 */
export async function listPurchases(args: { tx: DbOrTx; input: ListPurchasesInput }) {
  const { tx, input } = args;
  const cursor = input.cursor ? CURSOR_PATTERN.exec(input.cursor) : null;
  if (input.cursor && !cursor) throw new DomainError("BAD_REQUEST", "historyCursorInvalid", "the page cursor is malformed");
  const rows = (await tx.execute(
    purchasesPageQuery({
      employeeId: input.employeeId,
      range: input.month ? seoulMonthRange(input.month) : null,
      cursor: cursor ? { at: cursor[1] ?? "", id: cursor[2] ?? "" } : null,
      limit: input.limit,
    }),
  )) as unknown as { id: string; at: string }[];
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > input.limit && last ? `${last.at}~${last.id}` : null;
  const purchases = await loadPurchases(tx, input.employeeId, page.map((row) => row.id));
  return { purchases, nextCursor };
}

/**
 * The ids of one page of the employee's purchases (and each one's creation time, to the
 * microsecond, for the next page's cursor). Exported so a test can check its plan.
 */
export function purchasesPageQuery(input: {
  employeeId: string;
  range: { from: Date; to: Date } | null;
  cursor: { at: string; id: string } | null;
  limit: number;
}): SQL {
  const me = input.employeeId;
  const from = input.range?.from.toISOString() ?? null;
  const to = input.range?.to.toISOString() ?? null;
  const inMonth = (alias: SQL) =>
    from === null ? sql`` : sql`and ${alias}.created_at >= ${from}::timestamptz and ${alias}.created_at < ${to}::timestamptz`;
  const { cursor } = input;
  // The month is checked inside each branch, on orders already found by their id, so the
  // outer query never ranges over all orders of the month.
  return sql`
    with mine as (
      select o.id from orders o
       where o.payer_id = ${me} ${inMonth(sql`o`)}
         ${cursor === null ? sql`` : sql`and o.created_at <= ${cursor.at}::timestamptz`}
      union
      -- A voucher can only pay while it is valid, so one that ended before the month paid nothing in it.
      select t.order_id from voucher_grants g
        join payment_tenders t on t.grant_id = g.id
        join orders vo on vo.id = t.order_id
       where g.employee_id = ${me} and t.payer_id = ${me} ${inMonth(sql`vo`)}
         ${from === null ? sql`` : sql`and g.valid_until > ${from}::timestamptz`}
      union
      select lt.order_id from accounts a
        join ledger_entries e on e.account_id = a.id
        join ledger_transfers lt on lt.id = e.transfer_id
        join orders wo on wo.id = lt.order_id
       where a.kind = 'employee_wallet' and a.user_id = ${me} and e.amount < 0
         and lt.kind = 'payment' ${inMonth(sql`wo`)}
    )
    select o.id, to_char(o.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
      from mine join orders o on o.id = mine.id
     where o.status not in ('pending_payment', 'canceled')
       ${cursor === null ? sql`` : sql`and (o.created_at, o.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`}
     order by o.created_at desc, o.id desc
     limit ${input.limit + 1}`;
}

/** One purchase, only if this employee paid for it (alone or in a group); otherwise "not found". */
export async function purchaseReceipt(args: { tx: DbOrTx; input: { employeeId: string; orderId: string } }): Promise<Purchase> {
  const { tx, input } = args;
  const rows = (await tx.execute(sql`
    select o.id from orders o
     where o.id = ${input.orderId} and o.status not in ('pending_payment', 'canceled')
       and (o.payer_id = ${input.employeeId}
            or exists (select 1 from payment_tenders t where t.order_id = o.id and t.payer_id = ${input.employeeId}))`)) as unknown as {
    id: string;
  }[];
  const [purchase] = rows.length === 1 ? await loadPurchases(tx, input.employeeId, [input.orderId]) : [];
  // Another person's order looks exactly like one that does not exist.
  if (!purchase) throw new DomainError("NOT_FOUND", "orderNotFound", "order not found");
  return purchase;
}

/** Orders with their lines, this employee's tenders and the refunds, in the order of `ids`. */
async function loadPurchases(tx: DbOrTx, me: string, ids: string[]): Promise<Purchase[]> {
  if (ids.length === 0) return [];
  const [orderRows, lineRows, tenderRows, refundRows] = await Promise.all([
    tx
      .select({ order: orders, storeKo: stores.nameKo, storeEn: stores.nameEn })
      .from(orders)
      .innerJoin(stores, eq(stores.id, orders.storeId))
      .where(inArray(orders.id, ids)),
    tx.select().from(orderLines).where(inArray(orderLines.orderId, ids)).orderBy(asc(orderLines.orderId), asc(orderLines.lineNo)),
    tx
      .select({ tender: paymentTenders, meal: voucherGrants.meal })
      .from(paymentTenders)
      .leftJoin(voucherGrants, eq(voucherGrants.id, paymentTenders.grantId))
      .where(inArray(paymentTenders.orderId, ids))
      .orderBy(asc(paymentTenders.orderId), asc(paymentTenders.sequence)),
    tx.select().from(refunds).where(inArray(refunds.orderId, ids)).orderBy(asc(refunds.createdAt), asc(refunds.id)),
  ]);
  const discountRows = lineRows.some((line) => line.promotionDiscount + line.couponDiscount > 0n)
    ? // lineNo here is the row's position in lineRows, to match them back below.
      await storedLineDiscounts(tx, lineRows.map((line, index) => ({ ...line, lineNo: index })))
    : [];

  return ids.flatMap((id) => {
    const row = orderRows.find((candidate) => candidate.order.id === id);
    if (!row) return [];
    const { order } = row;
    const lines = lineRows.filter((line) => line.orderId === id);
    const tenders = tenderRows.filter((entry) => entry.tender.orderId === id);
    const payers = new Set([order.payerId, ...tenders.map((entry) => entry.tender.payerId)].filter((payer) => payer !== null));
    const group = payers.size > 1;
    // Card and cash carry no payer: alone, the employee paid them; in a group nobody can say who did.
    const mine = tenders.filter((entry) => entry.tender.payerId === me || (!group && entry.tender.payerId === null));
    const myPaid = mine.reduce((sum, entry) => sum + entry.tender.amount, 0n);
    const paidTotal = tenders.reduce((sum, entry) => sum + entry.tender.amount, 0n);
    return [
      {
        id: order.id,
        storeId: order.storeId,
        storeKo: row.storeKo,
        storeEn: row.storeEn,
        pickupNumber: order.pickupNumber,
        status: listedStatus(order),
        source: order.source,
        createdAt: order.createdAt,
        paidAt: order.paidAt,
        subtotal: order.subtotal,
        discount: order.discount,
        total: order.total,
        refundedAmount: order.refundedAmount,
        lines: lines.map((line) => ({
          id: line.id,
          lineNo: line.lineNo,
          nameKo: line.nameKo,
          nameEn: line.nameEn,
          options: line.options.map((option) => ({ nameKo: option.nameKo, nameEn: option.nameEn, priceDelta: BigInt(option.priceDelta) })),
          unitPrice: line.unitPrice,
          quantity: line.quantity,
          lineTotal: line.lineTotal,
          refundedQuantity: line.refundedQuantity,
          discounts: discountRows
            .filter((discount) => discount.lineNo === lineRows.indexOf(line))
            .map(({ kind, nameKo, nameEn, amount }) => ({ kind, nameKo, nameEn, amount })),
          netTotal: line.netTotal,
        })),
        payerCount: Math.max(payers.size, 1),
        tenders: mine.map(({ tender, meal }) => ({
          kind: tender.kind,
          meal: tender.kind === "voucher" ? meal : null,
          amount: tender.amount,
          refundedAmount: tender.refundedAmount,
          approvalNumber: tender.kind === "card" ? tender.reference : null,
          cashTendered: tender.kind === "cash" ? tender.cashTendered : null,
        })),
        myPaid,
        myRefunded: mine.reduce((sum, entry) => sum + entry.tender.refundedAmount, 0n),
        othersPaid: paidTotal - myPaid,
        refunds: refundRows
          .filter((refund) => refund.orderId === id)
          .map((refund) => ({
            id: refund.id,
            createdAt: refund.createdAt,
            amount: refund.amount,
            reason: refund.reason,
            lines: refund.lines.map((entry) => {
              const line = lines.find((candidate) => candidate.id === entry.lineId);
              return {
                lineId: entry.lineId,
                nameKo: line?.nameKo ?? "",
                nameEn: line?.nameEn ?? "",
                quantity: entry.quantity,
                amount: BigInt(entry.amount),
              };
            }),
            tenders: group ? null : refund.tenders.map((entry) => ({ kind: entry.kind, amount: BigInt(entry.amount), to: entry.to })),
          })),
      },
    ];
  });
}
