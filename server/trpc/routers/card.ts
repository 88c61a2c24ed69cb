import { z } from "zod";
import { DomainError } from "@/server/domain/errors";
import { cardCheckout } from "@/server/domain/payments/card-checkout";
import { listUnresolvedCardVoids, resolveCardVoid } from "@/server/domain/payments/card-voids";
import { cardTerminal, sandboxCardTerminal } from "@/server/providers";
import { SANDBOX_OUTCOMES } from "@/server/providers/sandbox-card-terminal";
import { baristaProcedure, router } from "../init";
import { couponIds, idempotencyKey, lines, payCode } from "./orders";
import { currentTime } from "@/server/clock";

/** One card terminal per kiosk: the kiosk's device account names it. */
const terminalOf = (session: { id: string }) => session.id;

function sandboxOrRefuse() {
  const sandbox = sandboxCardTerminal();
  if (!sandbox) throw new DomainError("NOT_FOUND", "cardSandboxInactive", "the sandbox card terminal is not in use");
  return sandbox;
}

export const cardRouter = router({
  /** A sale paid at the kiosk's card terminal, after the pay code's voucher and wallet when one is given. */
  checkout: baristaProcedure
    .input(z.object({ idempotencyKey, lines, payCode: payCode.optional(), couponIds }).strict())
    .mutation(({ ctx, input }) =>
      cardCheckout(ctx.db, cardTerminal(), {
        scope: ctx.session.id,
        key: input.idempotencyKey,
        input: {
          storeId: ctx.storeId,
          terminalId: terminalOf(ctx.session),
          lines: input.lines,
          payers: input.payCode ? [{ payCode: input.payCode }] : [],
          couponIds: input.couponIds,
          actorId: ctx.session.id,
          now: currentTime(),
        },
      }),
    ),

  /** A group payment (함께결제) whose vouchers and wallets leave a rest, paid at the terminal. */
  groupCheckout: baristaProcedure
    .input(
      z
        .object({
          idempotencyKey,
          lines,
          payCodes: z.array(payCode).min(2, "scan at least two pay codes").max(10),
          walletSplit: z.enum(["even", "first"]),
        })
        .strict(),
    )
    .mutation(({ ctx, input }) =>
      cardCheckout(ctx.db, cardTerminal(), {
        scope: ctx.session.id,
        key: input.idempotencyKey,
        input: {
          storeId: ctx.storeId,
          terminalId: terminalOf(ctx.session),
          lines: input.lines,
          payers: input.payCodes.map((code) => ({ payCode: code })),
          walletSplit: input.walletSplit,
          actorId: ctx.session.id,
          now: currentTime(),
        },
      }),
    ),

  /** Today's approvals that were neither recorded nor voided, for the day close. */
  unresolvedVoids: baristaProcedure.query(({ ctx }) =>
    listUnresolvedCardVoids({ tx: ctx.db, input: { storeId: ctx.storeId, now: currentTime() } }),
  ),

  resolveVoid: baristaProcedure
    .input(z.object({ id: z.uuid() }).strict())
    .mutation(({ ctx, input }) =>
      resolveCardVoid({ tx: ctx.db, input: { id: input.id, storeId: ctx.storeId, actorId: ctx.session.id, now: currentTime() } }),
    ),

  /** Which terminal the kiosk talks to; with the sandbox, what its next charge will do. */
  terminal: baristaProcedure.query(({ ctx }) => {
    const sandbox = sandboxCardTerminal();
    return sandbox ? { kind: "sandbox" as const, next: sandbox.peekNext(terminalOf(ctx.session)).outcome } : { kind: "van" as const };
  }),

  /** Sandbox only: what this kiosk's next card charge does (the card tab's control and e2e). */
  sandboxSetNext: baristaProcedure
    .input(z.object({ outcome: z.enum(SANDBOX_OUTCOMES), voidFails: z.boolean().optional() }).strict())
    .mutation(({ ctx, input }) => {
      sandboxOrRefuse().setNext(terminalOf(ctx.session), input);
      return { next: input.outcome };
    }),
});
