import { z } from "zod";
import { pushEnv } from "@/server/env";
import { hasPushSubscription, removePushSubscription, savePushSubscription } from "@/server/domain/push/subscriptions";
import { vapidKeys } from "@/server/domain/push/vapid";
import { employeeProcedure, router } from "../init";

const base64url = (max: number) => z.string().min(8).max(max).regex(/^[A-Za-z0-9_-]+={0,2}$/, "expected base64url");
const endpoint = z.url("the push endpoint must be a URL").max(2048);

/** The phone's Web Push subscription ("tell me when my order is ready"). */
export const pushRouter = router({
  publicKey: employeeProcedure.query(async ({ ctx }) => ({ publicKey: (await vapidKeys(ctx.db)).publicKey })),

  subscribe: employeeProcedure
    .input(
      z
        .object({
          endpoint,
          // PushSubscription.toJSON(): p256dh is a 65-byte P-256 point, auth a 16-byte secret.
          keys: z.object({ p256dh: base64url(120), auth: base64url(40) }).strict(),
          userAgent: z.string().max(300).optional(),
        })
        .strict(),
    )
    .mutation(({ ctx, input }) =>
      savePushSubscription({
        tx: ctx.db,
        input: { userId: ctx.session.id, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, userAgent: input.userAgent },
        allowLoopback: pushEnv().PUSH_ALLOW_LOOPBACK,
      }),
    ),

  unsubscribe: employeeProcedure
    .input(z.object({ endpoint }).strict())
    .mutation(({ ctx, input }) => removePushSubscription({ tx: ctx.db, input: { userId: ctx.session.id, endpoint: input.endpoint } })),

  status: employeeProcedure
    .input(z.object({ endpoint }).strict())
    .query(({ ctx, input }) => hasPushSubscription({ tx: ctx.db, input: { userId: ctx.session.id, endpoint: input.endpoint } })),
});
