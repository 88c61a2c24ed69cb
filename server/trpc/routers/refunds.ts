import { z } from "zod";
import { findRefundableOrders } from "@/server/domain/refunds/find-orders";
import { kioskRefund } from "@/server/domain/refunds/kiosk-refund";
import { cardTerminal } from "@/server/providers";
import { paymentProvider } from "@/server/providers/pg-factory";
import { baristaProcedure, router } from "../init";
import { idempotencyKey } from "./orders";
import { currentTime } from "@/server/clock";

const refundLines = z
  .array(z.object({ lineId: z.uuid(), quantity: z.number().int().min(1).max(99) }).strict())
  .min(1)
  .max(50);

export const refundsRouter = router({
  /** Today's paid orders of the kiosk's store, newest first; or the one with a pickup number. */
  findOrders: baristaProcedure
    .input(z.object({ pickupNumber: z.number().int().min(1).max(99_999).optional() }).strict().optional())
    .query(({ ctx, input }) =>
      findRefundableOrders({ tx: ctx.db, input: { storeId: ctx.storeId, now: currentTime(), pickupNumber: input?.pickupNumber } }),
    ),

  /** All (no `lines`) or some of an order back to its tenders, approved by a manager's PIN. */
  kioskRefund: baristaProcedure
    .input(
      z
        .object({
          idempotencyKey,
          orderId: z.uuid(),
          lines: refundLines.optional(),
          reason: z.string().trim().min(1, "say why the order is refunded").max(200),
          pin: z.string().regex(/^[0-9]{4,6}$/, "a manager PIN is 4 to 6 digits"),
        })
        .strict(),
    )
    .mutation(({ ctx, input }) =>
      kioskRefund(ctx.db, { terminal: cardTerminal(), pg: paymentProvider }, {
        scope: ctx.session.id,
        key: input.idempotencyKey,
        input: {
          storeId: ctx.storeId,
          kioskId: ctx.session.id,
          orderId: input.orderId,
          lines: input.lines,
          reason: input.reason,
          pin: input.pin,
          requestId: ctx.requestId,
          now: currentTime(),
        },
      }),
    ),
});
