import { describe, expect, it } from "vitest";
import { idleTooLong, PERSON_IDLE_SECONDS } from "./session-policy";

describe("session idle limit", () => {
  const now = 1_800_000_000;
  it("ends a person's session after 12 idle hours but not a paired kiosk's", () => {
    expect(idleTooLong({ seenAt: now - PERSON_IDLE_SECONDS + 60 }, now)).toBe(false);
    expect(idleTooLong({ seenAt: now - PERSON_IDLE_SECONDS - 60 }, now)).toBe(true);
    expect(idleTooLong({ seenAt: now - 10 * PERSON_IDLE_SECONDS, device: true }, now)).toBe(false);
  });
});
