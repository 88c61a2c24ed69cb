import { describe, expect, it } from "vitest";
import { clockEnv, parseEnv } from "./env";

describe("the test clock setting", () => {
  it("is off unless set, and takes a whole number of milliseconds", () => {
    expect(clockEnv({}).CANTEEN_TEST_CLOCK_OFFSET_MS).toBe(0);
    expect(clockEnv({ CANTEEN_TEST_CLOCK_OFFSET_MS: "-3600000" }).CANTEEN_TEST_CLOCK_OFFSET_MS).toBe(-3_600_000);
    expect(() => clockEnv({ CANTEEN_TEST_CLOCK_OFFSET_MS: "1.5" })).toThrow();
  });

  it("cannot be combined with the real PG", () => {
    const base = { DATABASE_URL: "postgres://u:p@localhost/db", AUTH_SECRET: "x".repeat(32), TOSS_SECRET_KEY: "live_sk", TOSS_CLIENT_KEY: "live_ck" };
    expect(() => parseEnv({ ...base, CANTEEN_TEST_CLOCK_OFFSET_MS: "60000" })).toThrow(/moved clock is for tests only/);
    expect(() => parseEnv(base)).not.toThrow();
  });
});
