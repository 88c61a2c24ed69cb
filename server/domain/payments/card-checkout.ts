import { randomInt } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import superjson, { type SuperJSONResult } from "superjson";
import type { Db } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import type { CardApproval, CardTerminal } from "@/server/providers/card-terminal";
import { logger } from "@/server/log";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { requestFingerprint, translateDatabaseError, withIdempotency } from "../idempotency";
import { takePickupNumber } from "../orders/create-order";
import { countingPayCodeFailures } from "../paycode/verify";
import { checkout, type CheckoutInput } from "./checkout";
import type { PaymentHooks, PaymentResult } from "./pay-order";

export const CARD_CHECKOUT_PROCEDURE = "card.checkout";
/** The row that says "this attempt is at the terminal now"; deleted when the attempt ends. */
const CLAIM_PROCEDURE = "card.checkout:at-terminal";
/** How long the kiosk waits for the terminal before it treats the charge as timed out. */
export const CARD_WAIT_MS = 20_000;

export type CardCheckoutInput = Omit<CheckoutInput, "remainder"> & { terminalId: string };

export type CardCheckoutResult = PaymentResult & {
  /** The terminal's approval, or null when voucher and wallet covered everything. */
  card: { approvalNumber: string; cardLabel: string } | null;
};

/** Seams for tests: something that happens between the approval and the recording. */
export type CardCheckoutHooks = PaymentHooks & { beforeRecord?: () => Promise<void> | void };

/**
 * A kiosk sale paid by card, or the rest by card after the pay codes' vouchers and wallets
 * (one person, or a group paying together):
 *   price the cart and split it on the server (never a client amount) → charge the terminal
 *   → record the sale with the approval number, in one idempotent transaction.
 * An approval whose sale then fails to record is voided on the terminal at once; if the void
 * fails too, an audit row (`card.void_failed`) lists it for the day close and the barista is
 * told to void it by hand. A time-out records nothing and cancels by reference, so a late
 * approval never leaves money taken. The idempotency key is the terminal's reference: a
 * retried attempt returns the first result and never charges twice.
 */
export async function cardCheckout(
  db: Db,
  terminal: CardTerminal,
  args: { scope: string; key: string; input: CardCheckoutInput; waitMs?: number; hooks?: CardCheckoutHooks },
): Promise<CardCheckoutResult> {
  const { scope, key, input } = args;
  const request = {
    lines: input.lines,
    payers: input.payers,
    walletSplit: input.walletSplit ?? "first",
    ...(input.couponIds?.length ? { couponIds: input.couponIds } : {}),
  };
  const idempotency = { scope, procedure: CARD_CHECKOUT_PROCEDURE, key, request };

  const recorded = await replayStored<CardCheckoutResult>(db, idempotency);
  if (recorded) return recorded;
  const release = await claimAttempt(db, { scope, key, requestHash: requestFingerprint(CARD_CHECKOUT_PROCEDURE, request) });
  try {
    // Recorded by a copy of this attempt between the first look and the claim.
    const raced = await replayStored<CardCheckoutResult>(db, idempotency);
    if (raced) return raced;

    const amount = await cardShare(db, input);
    if (amount === 0n) {
      // Voucher and wallet cover it all: nothing for the terminal to do.
      return await record(db, idempotency, { ...input, remainder: { method: "none" } }, args.hooks, null);
    }

    const charge = { terminalId: input.terminalId, amount, reference: key };
    const approval = await chargeWithin(terminal, charge, args.waitMs ?? CARD_WAIT_MS);
    if (approval.outcome === "declined") {
      throw new DomainError("PRECONDITION_FAILED", "cardDeclined", `the card was declined: ${approval.reason}`, { reason: approval.reason });
    }
    if (approval.outcome === "timed_out") {
      await voidOrReport(db, terminal, { ...charge, approvalNumber: null, storeId: input.storeId, actorId: input.actorId, cause: "cardTimedOut" });
      throw new DomainError("PRECONDITION_FAILED", "cardTimedOut", "the terminal did not answer in time; the charge was canceled");
    }

    const card = { approvalNumber: approval.approvalNumber, cardLabel: approval.cardLabel };
    try {
      await args.hooks?.beforeRecord?.();
      return await record(db, idempotency, { ...input, remainder: { method: "card", approvalNumber: card.approvalNumber, terminal: { terminalId: charge.terminalId, reference: charge.reference } } }, args.hooks, {
        amount,
        card,
      });
    } catch (error) {
      // The client would retry these as "no answer"; after the void the answer is definite.
      const refusal = error instanceof DomainError && error.messageKey !== "requestInProgress" ? error : null;
      // A lost answer to COMMIT can hide a sale that did record: look before voiding it. If
      // even the look fails, the database is most likely down and the sale not recorded: void.
      if (!refusal) {
        const stored = await replayStored<CardCheckoutResult>(db, idempotency).catch(() => null);
        if (stored) return stored;
      }
      const cause = refusal ? refusal.messageKey : "cardRecordFailed";
      await voidOrReport(db, terminal, { ...charge, approvalNumber: card.approvalNumber, storeId: input.storeId, actorId: input.actorId, cause });
      if (refusal) {
        // The original refusal (sold out, code used, ...), saying the card was given back.
        throw new DomainError(refusal.code, refusal.messageKey, `${refusal.message}; the card approval was voided`, {
          ...refusal.details,
          cardVoided: card.approvalNumber,
        });
      }
      logger.error({ err: error, reference: key }, "card sale failed to record after approval; approval voided");
      throw new DomainError("CONFLICT", "cardRecordFailed", "the sale could not be recorded; the card approval was voided", {
        cardVoided: card.approvalNumber,
      });
    }
  } finally {
    await release();
  }
}

/**
 * What the card must pay: the sale as it would record now, with the card taking the rest,
 * computed in a transaction that is rolled back. It reuses the real pricing and tender split
 * (and checks the pay code) without keeping anything, the pay code included.
 */
async function cardShare(db: Db, input: CardCheckoutInput): Promise<bigint> {
  // A pickup number of its own that no real order has: the rolled-back order cannot collide.
  const pickup = { number: -randomInt(1, 2 ** 31 - 1), businessDate: input.now.toISOString().slice(0, 10) };
  try {
    await countingPayCodeFailures(db, () =>
      db.transaction(async (tx) => {
        const quoted = await checkout({ tx, input: { ...input, remainder: { method: "card" }, pickup } });
        throw new Quote(quoted);
      }),
    );
  } catch (error) {
    if (error instanceof Quote) return error.result.tenders.find((tender) => tender.kind === "card")?.amount ?? 0n;
    throw translateDatabaseError(error);
  }
  throw new Error("card quote: the transaction did not roll back");
}

class Quote extends Error {
  constructor(readonly result: PaymentResult) {
    super("card quote (rolled back on purpose)");
  }
}

/** The sale with its card tender; refused unless the card pays exactly what was approved. */
async function record(
  db: Db,
  idempotency: { scope: string; procedure: string; key: string; request: unknown },
  input: CheckoutInput,
  hooks: PaymentHooks | undefined,
  approved: { amount: bigint; card: NonNullable<CardCheckoutResult["card"]> } | null,
): Promise<CardCheckoutResult> {
  const pickup = await takePickupNumber(db, input.storeId, input.now);
  return countingPayCodeFailures(db, () =>
    withIdempotency(db, idempotency, async (tx) => {
      const result = await checkout({ tx, input: { ...input, pickup }, hooks });
      const card = result.tenders.find((tender) => tender.kind === "card")?.amount ?? null;
      // The wallet may have been spent elsewhere while the card was at the terminal.
      if (card !== (approved?.amount ?? null)) {
        throw new DomainError("CONFLICT", "cardAmountChanged", `the card was approved for ${approved?.amount ?? 0} won but the sale now needs ${card ?? 0} by card`);
      }
      return { ...result, card: approved?.card ?? null };
    }),
  );
}

/** The stored result of an attempt that was recorded, or null; the same key with another request is refused. */
async function replayStored<T>(db: Db, idempotency: { scope: string; procedure: string; key: string; request: unknown }): Promise<T | null> {
  const [stored] = await db
    .select({ requestHash: idempotencyKeys.requestHash, response: idempotencyKeys.response })
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.scope, idempotency.scope),
        eq(idempotencyKeys.procedure, idempotency.procedure),
        eq(idempotencyKeys.key, idempotency.key),
      ),
    );
  if (!stored || stored.response === null) return null;
  if (stored.requestHash !== requestFingerprint(idempotency.procedure, idempotency.request)) {
    throw new DomainError("CONFLICT", "idempotencyKeyReused", "this idempotency key was already used for a different request");
  }
  return superjson.deserialize<T>(stored.response as SuperJSONResult);
}

/** The terminal's answer, or a time-out when it does not answer within `waitMs` (or fails to). */
async function chargeWithin(terminal: CardTerminal, input: { terminalId: string; amount: bigint; reference: string }, waitMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<CardApproval>((resolve) => {
    timer = setTimeout(() => resolve({ outcome: "timed_out" }), waitMs);
  });
  // A terminal that errors (connection lost) leaves the outcome unknown, exactly like a time-out.
  const answer = terminal.charge(input).catch((error: unknown): CardApproval => {
    logger.warn({ err: error, reference: input.reference }, "card terminal charge failed; treating it as a time-out");
    return { outcome: "timed_out" };
  });
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

type VoidInput = {
  terminalId: string;
  reference: string;
  amount: bigint;
  approvalNumber: string | null;
  storeId: string;
  actorId: string;
  /** Why it is voided: the refusal's message key, or cardTimedOut. */
  cause: string;
};

/**
 * Voids the charge; when the terminal cannot, writes `card.void_failed` to the audit log
 * (the day close lists it) and throws the error that tells the barista to void by hand.
 */
async function voidOrReport(db: Db, terminal: CardTerminal, input: VoidInput) {
  const outcome = await terminal
    .cancel({ terminalId: input.terminalId, approvalNumber: input.approvalNumber, amount: input.amount, reference: input.reference })
    .catch((error: unknown) => ({ outcome: "failed" as const, reason: error instanceof Error ? error.message : String(error) }));
  if (outcome.outcome === "canceled") return;

  await recordAudit(db, {
    actorId: input.actorId,
    storeId: input.storeId,
    action: "card.void_failed",
    entityType: "card_charge",
    entityId: input.reference,
    after: {
      storeId: input.storeId,
      terminalId: input.terminalId,
      approvalNumber: input.approvalNumber,
      amount: input.amount,
      cause: input.cause,
      voidError: outcome.reason,
    },
  }).catch((error: unknown) => {
    // The barista still gets the error below; the log keeps what the audit row would have said.
    logger.error({ err: error, ...input, amount: String(input.amount) }, "card void failed and its audit row could not be written");
  });
  const details = { amount: Number(input.amount), approvalNumber: input.approvalNumber ?? "" };
  if (input.approvalNumber === null) {
    throw new DomainError("CONFLICT", "cardTimeoutUnresolved", "the terminal did not answer and the charge could not be canceled; check it on the terminal", details);
  }
  throw new DomainError("CONFLICT", "cardVoidFailed", `the sale was not recorded and approval ${input.approvalNumber} could not be voided; void it on the terminal`, details);
}

/**
 * Marks the attempt as at the terminal, so a copy of it (a retry after a Wi-Fi drop) waits
 * for its answer instead of recording the same approval while this one may be voiding it.
 * A claim left by a crashed process is taken over once it is older than any wait.
 */
async function claimAttempt(db: Db, input: { scope: string; key: string; requestHash: string }) {
  const where = and(eq(idempotencyKeys.scope, input.scope), eq(idempotencyKeys.procedure, CLAIM_PROCEDURE), eq(idempotencyKeys.key, input.key));
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ scope: input.scope, procedure: CLAIM_PROCEDURE, key: input.key, requestHash: input.requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length === 0) {
    const staleMs = CARD_WAIT_MS * 3;
    const taken = await db
      .update(idempotencyKeys)
      .set({ createdAt: sql`now()` })
      .where(
        and(
          where,
          eq(idempotencyKeys.requestHash, input.requestHash),
          lt(idempotencyKeys.createdAt, sql`now() - make_interval(secs => ${staleMs / 1000})`),
        ),
      )
      .returning({ key: idempotencyKeys.key });
    if (taken.length === 0) {
      const [held] = await db.select({ requestHash: idempotencyKeys.requestHash }).from(idempotencyKeys).where(where);
      if (held && held.requestHash !== input.requestHash) {
        throw new DomainError("CONFLICT", "idempotencyKeyReused", "this idempotency key was already used for a different request");
      }
      throw new DomainError("CONFLICT", "requestInProgress", "this card payment is still at the terminal; retry shortly");
    }
  }
  return async () => {
    try {
      await db.delete(idempotencyKeys).where(where);
    } catch (error) {
      // The attempt itself is over; a left claim only delays a retry of it until it goes stale.
      logger.warn({ err: error, key: input.key }, "could not release a card attempt's claim");
    }
  };
}
