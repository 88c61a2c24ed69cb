import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, voucherGrants, type Meal } from "@/db/schema";
import { walletOf } from "../ledger/accounts";
import { localParts } from "../time";
import { makeOwnDueGrants } from "../vouchers/plans";
import { voucherRefusal, type VoucherRefusal } from "../vouchers/usability";

/** The company's calendar: "today" on the phone is the Seoul day, as the vouchers are. */
export const HOME_TIME_ZONE = "Asia/Seoul";

const mealOrder: Record<Meal, number> = { breakfast: 0, lunch: 1, dinner: 2 };

export type HomeVoucher = {
  grantId: string;
  meal: Meal;
  amount: bigint;
  left: bigint;
  validFrom: Date;
  validUntil: Date;
  windowStart: string | null;
  windowEnd: string | null;
  limitedToStores: boolean;
  usableNow: boolean;
  /** Why it cannot pay right now (ignoring which store), or null when it can or nothing is left. */
  refusal: VoucherRefusal | null;
};

/** Midnight-to-midnight of the local day `now` falls in, as instants. */
export function localDayBounds(now: Date, timeZone: string) {
  const { date, time } = localParts(now, timeZone);
  // The zone's offset at `now`: its wall clock read as UTC, minus the real instant (seconds precision).
  const wallAsUtc = Date.parse(`${date}T${time}Z`);
  const offsetMs = wallAsUtc - Math.floor(now.getTime() / 1000) * 1000;
  const start = new Date(Date.parse(`${date}T00:00:00Z`) - offsetMs);
  return { date, start, end: new Date(start.getTime() + 24 * 3_600_000) };
}

/**
 * What the pay app's home shows: the wallet balance and today's meal vouchers (what is left,
 * the window, whether it can pay at this moment). The phone keeps a copy for offline.
 */
export async function loadPayHome(args: { tx: DbOrTx; input: { userId: string; now: Date } }) {
  const { tx, input } = args;
  // Today's vouchers may still be planned days when the jobs runner is late; make them first.
  await makeOwnDueGrants(tx, input.userId, { now: input.now });
  const day = localDayBounds(input.now, HOME_TIME_ZONE);
  const [wallet, grants] = await Promise.all([
    walletOf(tx, input.userId),
    tx
      .select({
        grantId: voucherGrants.id,
        meal: voucherGrants.meal,
        amount: voucherGrants.amount,
        status: voucherGrants.status,
        validFrom: voucherGrants.validFrom,
        validUntil: voucherGrants.validUntil,
        windowStart: voucherGrants.windowStart,
        windowEnd: voucherGrants.windowEnd,
        weekdays: voucherGrants.weekdays,
        storeIds: voucherGrants.storeIds,
        timeZone: voucherGrants.timeZone,
        left: accounts.balance,
      })
      .from(voucherGrants)
      .innerJoin(accounts, and(eq(accounts.grantId, voucherGrants.id), eq(accounts.kind, "voucher_grant")))
      .where(
        and(
          eq(voucherGrants.employeeId, input.userId),
          inArray(voucherGrants.status, ["active", "expired"]),
          lt(voucherGrants.validFrom, day.end),
          gt(voucherGrants.validUntil, day.start),
        ),
      )
      .orderBy(asc(voucherGrants.validFrom)),
  ]);

  const vouchers: HomeVoucher[] = grants
    .map((grant) => {
      // Which store it is shown at is the kiosk's business; the phone asks "could it pay now".
      const refusal = voucherRefusal({ ...grant, storeIds: null }, { now: input.now, storeId: "" });
      return {
        grantId: grant.grantId,
        meal: grant.meal,
        amount: grant.amount,
        left: grant.status === "expired" ? 0n : grant.left,
        validFrom: grant.validFrom,
        validUntil: grant.validUntil,
        windowStart: grant.windowStart?.slice(0, 5) ?? null,
        windowEnd: grant.windowEnd?.slice(0, 5) ?? null,
        limitedToStores: grant.storeIds !== null,
        usableNow: refusal === null && grant.status === "active" && grant.left > 0n,
        refusal,
      };
    })
    .sort((a, b) => mealOrder[a.meal] - mealOrder[b.meal] || a.validFrom.getTime() - b.validFrom.getTime());

  return { walletBalance: wallet?.balance ?? 0n, vouchers, asOf: input.now, date: day.date };
}
