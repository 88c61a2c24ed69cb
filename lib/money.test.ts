import { describe, expect, it } from "vitest";
import { formatWon } from "./money";

describe("formatWon", () => {
  it("writes won the Korean way and the English way", () => {
    expect(formatWon(4500n, "ko")).toBe("4,500원");
    expect(formatWon(4500n, "en")).toBe("₩4,500");
    expect(formatWon(0, "ko")).toBe("0원");
    expect(formatWon(1234567890123n, "ko")).toBe("1,234,567,890,123원");
    expect(formatWon(-9000n, "en")).toBe("-₩9,000");
  });
});
