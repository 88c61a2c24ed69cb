import { DomainError } from "../errors";

/** The smallest card top-up: below it the PG's fee eats too much of the money. */
export const TOP_UP_MIN_WON = 10_000n;
/** The largest single card top-up. */
export const TOP_UP_MAX_WON = 500_000n;
/** A prepaid wallet may hold at most this much (a stored-value limit for the company's program). */
export const WALLET_MAX_BALANCE_WON = 2_000_000n;
/** Top-ups are whole thousands of won, as the preset buttons are. */
export const TOP_UP_STEP_WON = 1_000n;
export const TOP_UP_PRESETS_WON = [10_000n, 30_000n, 50_000n, 100_000n] as const;

/** Refuses a top-up of `amount` into a wallet holding `balance`, naming the limit it breaks. */
export function checkTopUpLimits(amount: bigint, balance: bigint) {
  if (amount < TOP_UP_MIN_WON) {
    throw new DomainError("BAD_REQUEST", "topUpBelowMin", `a top-up is at least ${TOP_UP_MIN_WON} won`, { min: Number(TOP_UP_MIN_WON) });
  }
  if (amount > TOP_UP_MAX_WON) {
    throw new DomainError("BAD_REQUEST", "topUpAboveMax", `a top-up is at most ${TOP_UP_MAX_WON} won`, { max: Number(TOP_UP_MAX_WON) });
  }
  if (amount % TOP_UP_STEP_WON !== 0n) {
    throw new DomainError("BAD_REQUEST", "topUpStep", `top-ups are in steps of ${TOP_UP_STEP_WON} won`, { step: Number(TOP_UP_STEP_WON) });
  }
  if (balance + amount > WALLET_MAX_BALANCE_WON) {
    const room = WALLET_MAX_BALANCE_WON > balance ? WALLET_MAX_BALANCE_WON - balance : 0n;
    throw new DomainError("PRECONDITION_FAILED", "topUpOverMaxBalance", `the wallet may hold at most ${WALLET_MAX_BALANCE_WON} won`, {
      maxBalance: Number(WALLET_MAX_BALANCE_WON),
      room: Number(room),
    });
  }
}
