import { describe, expect, it } from "vitest";
import { mostTellingRefusal, voucherRefusal, type GrantRules } from "./usability";

const lunch: GrantRules = {
  status: "active",
  validFrom: new Date("2026-11-23T00:00:00+09:00"),
  validUntil: new Date("2026-11-28T00:00:00+09:00"),
  windowStart: "11:00:00",
  windowEnd: "14:00:00",
  weekdays: [1, 2, 3, 4, 5],
  storeIds: ["cafe"],
  timeZone: "Asia/Seoul",
};
const at = (iso: string, storeId = "cafe") => ({ now: new Date(iso), storeId });

describe("voucherRefusal", () => {
  it("accepts inside the window on a weekday at a listed store, in the grant's time zone", () => {
    expect(voucherRefusal(lunch, at("2026-11-25T11:00:00+09:00"))).toBeNull();
    // 03:30 UTC is 12:30 in Seoul.
    expect(voucherRefusal(lunch, at("2026-11-25T03:30:00Z"))).toBeNull();
  });

  it("names each reason", () => {
    expect(voucherRefusal(lunch, at("2026-11-25T14:00:00+09:00"))).toBe("outsideWindow");
    expect(voucherRefusal(lunch, at("2026-11-25T10:59:59+09:00"))).toBe("outsideWindow");
    expect(voucherRefusal({ ...lunch, validUntil: new Date("2026-12-01T00:00:00+09:00") }, at("2026-11-29T12:00:00+09:00"))).toBe("wrongWeekday");
    expect(voucherRefusal(lunch, at("2026-11-25T12:00:00+09:00", "cafeteria"))).toBe("wrongStore");
    expect(voucherRefusal(lunch, at("2026-11-28T00:00:00+09:00"))).toBe("expired");
    expect(voucherRefusal(lunch, at("2026-11-22T12:00:00+09:00"))).toBe("notYetValid");
    expect(voucherRefusal({ ...lunch, status: "revoked" }, at("2026-11-25T12:00:00+09:00"))).toBe("revoked");
  });

  it("without limits, a grant pays any time in its period at any store", () => {
    const open = { ...lunch, validUntil: new Date("2026-12-01T00:00:00+09:00"), windowStart: null, windowEnd: null, weekdays: null, storeIds: null };
    expect(voucherRefusal(open, at("2026-11-29T23:00:00+09:00", "anywhere"))).toBeNull();
  });

  it("reports the most telling reason when several grants fail", () => {
    expect(mostTellingRefusal(["expired", "outsideWindow"])).toBe("outsideWindow");
    expect(mostTellingRefusal(["expired", "wrongStore"])).toBe("wrongStore");
    expect(mostTellingRefusal([])).toBeNull();
  });
});
