import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { payCodeUses, payDevices, users } from "@/db/schema";
import { importPayCodeKey, otpEquals, parsePayCode, payCodeOtp, payCodeStep } from "@/lib/paycode";
import { DomainError, type DomainErrorCode } from "../errors";
import { firstRateLimited, hitRateLimit, rateLimitWindow, type RateLimitInput } from "../rate-limit";

export const PAY_CODE_RATE_WINDOW_SECONDS = 60;
/** Failed codes one kiosk may scan per window: a busy queue with typos, not a guessing script. */
export const PAY_CODE_CLIENT_FAILURE_LIMIT = 30;
/** Failed codes per device number per window; with 10^9 OTPs this keeps guessing hopeless. */
export const PAY_CODE_DEVICE_FAILURE_LIMIT = 10;
/** Steps searched behind the current one, so an old code is told apart from a forged one. */
const LOOKBACK_STEPS = 10;
/** Steps accepted: the previous one (a code shown just before it changed) and the next (a fast phone clock). */
const ACCEPTED_BEHIND = 1;
const ACCEPTED_AHEAD = 1;

export type VerifiedPayCode = { employeeId: string; deviceId: string; step: number };

/** A refused pay code; the buckets it counts against are charged once its transaction has ended. */
export class PayCodeRejected extends DomainError {
  constructor(
    code: DomainErrorCode,
    messageKey: string,
    message: string,
    readonly buckets: RateLimitInput[],
    details?: Record<string, string | number>,
  ) {
    super(code, messageKey, message, details);
  }
}

/**
 * Checks the code an employee shows and consumes it inside the caller's payment transaction
 * `tx`: if the payment rolls back, the code stays usable. A refusal is thrown as
 * PayCodeRejected; run the transaction inside `countingPayCodeFailures` so the guess is
 * counted after the rollback. (Counting from inside, on a second pooled connection, would
 * let a burst of failing payments hold every connection while each waits for one more.)
 */
export async function verifyPayCode(args: { tx: Tx; input: { code: string; now: Date; clientKey: string } }): Promise<VerifiedPayCode> {
  const { tx, input } = args;
  const clientBucket = `paycode:client:${input.clientKey}`;
  const limits = (bucket: string, limit: number) => ({
    bucket,
    limit,
    windowSeconds: PAY_CODE_RATE_WINDOW_SECONDS,
    now: input.now,
  });
  const parsed = parsePayCode(input.code);
  const clientLimit = limits(clientBucket, PAY_CODE_CLIENT_FAILURE_LIMIT);
  const deviceBucket = parsed ? `paycode:device:${parsed.deviceNo}` : null;
  // Both buckets in one read, through tx so a passing check needs no second pool connection.
  const limited = await firstRateLimited(tx, [
    clientLimit,
    ...(deviceBucket ? [limits(deviceBucket, PAY_CODE_DEVICE_FAILURE_LIMIT)] : []),
  ]);
  if (limited) {
    const { retryAfterSeconds } = rateLimitWindow(input.now, limited.windowSeconds);
    throw new DomainError("TOO_MANY_REQUESTS", "payCodeTooManyAttempts", `too many failed pay codes for ${limited.bucket}`, {
      retryAfterSeconds,
    });
  }
  if (!parsed || !deviceBucket) {
    throw new PayCodeRejected("BAD_REQUEST", "payCodeMalformed", "pay code is not 18 digits", [clientLimit]);
  }

  const fail = async (code: DomainErrorCode, messageKey: string, message: string): Promise<never> => {
    throw new PayCodeRejected(
      code,
      messageKey,
      message,
      [limits(clientBucket, PAY_CODE_CLIENT_FAILURE_LIMIT), limits(deviceBucket, PAY_CODE_DEVICE_FAILURE_LIMIT)],
      { deviceNo: parsed.deviceNo },
    );
  };

  // Shared lock: a revocation or suspension at the same moment waits until this payment ends.
  const [device] = await tx
    .select({ id: payDevices.id, secret: payDevices.secret, status: payDevices.status, userId: users.id, userStatus: users.status })
    .from(payDevices)
    .innerJoin(users, eq(users.id, payDevices.userId))
    .where(eq(payDevices.deviceNo, parsed.deviceNo))
    .for("share");
  if (!device) return fail("BAD_REQUEST", "payCodeInvalid", `no pay device ${parsed.deviceNo}`);

  const current = payCodeStep(input.now);
  const step = await matchingStep(device.secret, parsed.otp, current);
  if (step === null) return fail("BAD_REQUEST", "payCodeInvalid", `pay code does not match device ${parsed.deviceNo}`);
  if (step < current - ACCEPTED_BEHIND) {
    return fail("BAD_REQUEST", "payCodeExpired", `pay code is ${current - step} steps old`);
  }
  // Checked only after the OTP matched, so a guesser learns nothing about the device or its owner.
  if (device.status !== "active") return fail("FORBIDDEN", "payCodeDeviceRevoked", `pay device ${parsed.deviceNo} is revoked`);
  if (device.userStatus !== "active") {
    return fail("FORBIDDEN", "payCodeEmployeeSuspended", `employee of pay device ${parsed.deviceNo} is ${device.userStatus}`);
  }

  // A second kiosk inserting the same (device, step) waits here for the first transaction and
  // then conflicts, so exactly one payment gets the code.
  const used = await tx
    .insert(payCodeUses)
    .values({ deviceId: device.id, step: BigInt(step) })
    .onConflictDoNothing()
    .returning({ deviceId: payCodeUses.deviceId });
  if (used.length === 0) return fail("CONFLICT", "payCodeUsed", `pay code of device ${parsed.deviceNo} step ${step} was already used`);

  return { employeeId: device.userId, deviceId: device.id, step };
}

/** Runs a transaction that may verify a pay code, and counts a refused code once it has rolled back. */
export async function countingPayCodeFailures<T>(db: Db, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PayCodeRejected) {
      for (const bucket of error.buckets) await hitRateLimit(db, bucket);
    }
    throw error;
  }
}

/**
 * The newest step in [current-10, current+1] whose OTP equals `otp`, or null. Each MAC is
 * compared in constant time, so timing does not tell how close a guess came.
 */
async function matchingStep(secret: string, otp: string, current: number): Promise<number | null> {
  const key = await importPayCodeKey(secret);
  const newestMatch = async (from: number, to: number) => {
    let match: number | null = null;
    for (let step = from; step <= to; step++) {
      if (otpEquals(await payCodeOtp(key, step), otp)) match = step;
    }
    return match;
  };
  // The accepted steps first: a valid code (the common case) costs 3 MACs, not 12. Only a
  // refused one pays for the look-back that tells "expired" from "forged".
  return (
    (await newestMatch(current - ACCEPTED_BEHIND, current + ACCEPTED_AHEAD)) ??
    (await newestMatch(current - LOOKBACK_STEPS, current - ACCEPTED_BEHIND - 1))
  );
}
