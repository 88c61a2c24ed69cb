/** People stay signed in for 12 idle hours; a paired kiosk tablet for 30 days, until unpaired. */
export const PERSON_IDLE_SECONDS = 12 * 60 * 60;
export const DEVICE_SESSION_SECONDS = 30 * 24 * 60 * 60;

/** The cookie lives as long as a device's session, so a person's idle limit is checked on the token. */
export function idleTooLong(token: Record<string, unknown>, nowSeconds: number) {
  if (token.device === true) return false;
  return typeof token.seenAt === "number" && nowSeconds - token.seenAt > PERSON_IDLE_SECONDS;
}
