import { z } from "zod";

/** No single amount in Canteen comes near this; anything above it is a typo or an attack. */
export const MAX_WON = 10_000_000n;

/** Integer won from user input: a whole, non-negative number within the ceiling. */
export const wonInput = z
  .union([z.bigint(), z.number().int("amounts are whole won"), z.string().regex(/^\d+$/, "amounts are whole won")])
  .transform((value) => BigInt(value))
  .refine((value) => value >= 0n, "amounts cannot be negative")
  .refine((value) => value <= MAX_WON, `amounts above ${MAX_WON} won are refused`);

export const positiveWonInput = wonInput.refine((value) => value > 0n, "the amount must be more than 0 won");

export const minBigInt = (a: bigint, b: bigint) => (a < b ? a : b);
