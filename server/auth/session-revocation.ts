/** What the session token says about when it was made: Auth.js's `iat` (seconds) and our sign-in stamp (ms). */
export type TokenTimes = { iat?: unknown; signedInAt?: unknown };

/**
 * Whether "sign out everywhere" (at `validFrom`) ended the session of this token. `iat` is
 * re-stamped whenever the cookie is re-issued but has whole seconds only, so a token issued
 * in the same second as the sign-out counts as before it; a sign-in after it carries its own
 * millisecond stamp and stays valid.
 */
export function sessionEndedBySignOutEverywhere(token: TokenTimes, validFrom: Date | null): boolean {
  if (!validFrom) return false;
  const issued = typeof token.iat === "number" ? token.iat * 1000 : 0;
  const signedIn = typeof token.signedInAt === "number" ? token.signedInAt : 0;
  return Math.max(issued, signedIn) <= validFrom.getTime();
}
