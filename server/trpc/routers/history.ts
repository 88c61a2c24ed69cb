import { z } from "zod";
import { MONTH_PATTERN } from "@/server/domain/history/month";
import { CURSOR_PATTERN, PAGE_SIZE_MAX, listPurchases, purchaseReceipt } from "@/server/domain/history/purchases";
import { voucherUse } from "@/server/domain/history/voucher-use";
import { employeeProcedure, router } from "../init";

const month = z.string().regex(MONTH_PATTERN, "a month is written YYYY-MM, e.g. 2026-11");

/** The signed-in employee's own purchases; nobody else's are ever reachable from here. */
export const historyRouter = router({
  /** A page of purchases, newest first, optionally of one Seoul month. */
  list: employeeProcedure
    .input(
      z
        .object({
          month: month.optional(),
          cursor: z.string().regex(CURSOR_PATTERN, "the page cursor is malformed").nullish(),
          limit: z.number().int().min(1).max(PAGE_SIZE_MAX).default(20),
          // Sent by TanStack's infinite queries; pages only go forward (older).
          direction: z.enum(["forward", "backward"]).optional(),
        })
        .strict(),
    )
    .query(({ ctx, input }) =>
      listPurchases({
        tx: ctx.db,
        input: { employeeId: ctx.session.id, month: input.month, cursor: input.cursor ?? undefined, limit: input.limit },
      }),
    ),

  /** One receipt; another person's order is "not found". */
  receipt: employeeProcedure
    .input(z.object({ orderId: z.uuid() }).strict())
    .query(({ ctx, input }) => purchaseReceipt({ tx: ctx.db, input: { employeeId: ctx.session.id, orderId: input.orderId } })),

  /** What the meal vouchers paid in a Seoul month, per meal. */
  voucherUse: employeeProcedure
    .input(z.object({ month }).strict())
    .query(({ ctx, input }) => voucherUse({ tx: ctx.db, input: { employeeId: ctx.session.id, month: input.month } })),
});
