import { localParts } from "../time";

export type GrantRules = {
  status: "active" | "expired" | "revoked";
  validFrom: Date;
  validUntil: Date;
  windowStart: string | null;
  windowEnd: string | null;
  weekdays: number[] | null;
  storeIds: string[] | null;
  timeZone: string;
};

export type VoucherRefusal = "revoked" | "expired" | "notYetValid" | "wrongStore" | "wrongWeekday" | "outsideWindow" | "dailyCapReached";

/** Why a grant cannot pay at this store at this moment, or null when it can. */
export function voucherRefusal(grant: GrantRules, at: { now: Date; storeId: string }): VoucherRefusal | null {
  if (grant.status === "revoked") return "revoked";
  if (grant.status === "expired" || at.now >= grant.validUntil) return "expired";
  if (at.now < grant.validFrom) return "notYetValid";
  if (grant.storeIds && !grant.storeIds.includes(at.storeId)) return "wrongStore";
  const local = localParts(at.now, grant.timeZone);
  if (grant.weekdays && !grant.weekdays.includes(local.isoWeekday)) return "wrongWeekday";
  if (grant.windowStart && grant.windowEnd && !(local.time >= grant.windowStart && local.time < grant.windowEnd)) {
    return "outsideWindow";
  }
  return null;
}

// When no voucher can pay, the most telling reason is reported: "wrong store" says more than "expired".
const reportOrder: VoucherRefusal[] = ["dailyCapReached", "wrongStore", "outsideWindow", "wrongWeekday", "notYetValid", "expired", "revoked"];

export function mostTellingRefusal(refusals: readonly VoucherRefusal[]): VoucherRefusal | null {
  return reportOrder.find((reason) => refusals.includes(reason)) ?? null;
}
