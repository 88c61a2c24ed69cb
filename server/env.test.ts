import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const valid = { DATABASE_URL: "postgres://u:p@localhost:5432/canteen", AUTH_SECRET: "x".repeat(32) };

describe("environment", () => {
  it("accepts a minimal valid environment with defaults", () => {
    const env = parseEnv(valid);
    expect(env.DB_POOL_MAX).toBe(10);
    expect(env.LOG_LEVEL).toBe("info");
  });

  it("names the variable that is missing or malformed", () => {
    expect(() => parseEnv({ AUTH_SECRET: valid.AUTH_SECRET })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ ...valid, DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be a postgres/);
    expect(() => parseEnv({ ...valid, AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET/);
    expect(() => parseEnv({ ...valid, DB_POOL_MAX: "lots" })).toThrow(/DB_POOL_MAX/);
    expect(() => parseEnv({ ...valid, DB_POOL_MAX: "lots" })).toThrow(EnvError);
  });

  it("wants the SSO variables all together or not at all", () => {
    expect(() => parseEnv({ ...valid, AUTH_OIDC_ISSUER: "https://sso.example.com" })).toThrow(/set together/);
    const env = parseEnv({
      ...valid,
      AUTH_OIDC_ISSUER: "https://sso.example.com",
      AUTH_OIDC_CLIENT_ID: "canteen",
      AUTH_OIDC_CLIENT_SECRET: "secret",
    });
    expect(env.AUTH_OIDC_NAME).toBe("Company SSO");
  });
});
