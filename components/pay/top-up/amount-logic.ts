/** The top-up form's check, as the server will check it (server/domain/pg/limits.ts), to say it before asking. */
export type Limits = { min: bigint; max: bigint; step: bigint; maxBalance: bigint; room: bigint };

export type AmountProblem = "tooSmall" | "tooLarge" | "notStep" | "overRoom" | null;

export function amountProblem(amount: bigint | null, limits: Limits): AmountProblem {
  if (amount === null) return null;
  if (amount < limits.min) return "tooSmall";
  if (amount > limits.max) return "tooLarge";
  if (amount % limits.step !== 0n) return "notStep";
  if (amount > limits.room) return "overRoom";
  return null;
}

/** Digits typed into the amount box; anything else is dropped, and absurd lengths are cut. */
export function parseTypedAmount(typed: string): bigint | null {
  const digits = typed.replace(/[^\d]/g, "").replace(/^0+/, "").slice(0, 8);
  return digits ? BigInt(digits) : null;
}
