import { describe, expect, it } from "vitest";
import { DECLARED_ENV_NAMES, EnvError, jobsEnv, parseEnv, serveEnv } from "./env";

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

  it("reads the replica settings: direct URL for LISTEN, drain timings, listen address, jobs", () => {
    const env = parseEnv({ ...valid, DATABASE_DIRECT_URL: "postgres://u:p@db:5432/canteen", DB_POOL_MAX: "4" });
    expect(env.DATABASE_DIRECT_URL).toBe("postgres://u:p@db:5432/canteen");
    expect(env.DB_POOL_MAX).toBe(4);
    expect(env.DB_PREPARE).toBe(true);
    expect(parseEnv({ ...valid, DB_PREPARE: "0" }).DB_PREPARE).toBe(false);
    expect(() => parseEnv({ ...valid, DB_PREPARE: "no" })).toThrow(/DB_PREPARE/);
    expect(() => parseEnv({ ...valid, DATABASE_DIRECT_URL: "http://db" })).toThrow(/DATABASE_DIRECT_URL must be a postgres/);
    expect(serveEnv({})).toEqual({ HOST: "0.0.0.0", SHUTDOWN_DELAY_MS: 0, SHUTDOWN_TIMEOUT_MS: 25_000 });
    expect(serveEnv({ HOST: "127.0.0.1", PORT: "3441", SHUTDOWN_TIMEOUT_MS: "5000" })).toMatchObject({ HOST: "127.0.0.1", PORT: 3441, SHUTDOWN_TIMEOUT_MS: 5_000 });
    expect(() => serveEnv({ SHUTDOWN_TIMEOUT_MS: "-1" })).toThrow();
    expect(() => jobsEnv({ ALLOCATION_ACTOR_EMAIL: "not-an-email" })).toThrow(/ALLOCATION_ACTOR_EMAIL/);
    expect(jobsEnv({ ALLOCATION_ACTOR_EMAIL: "hr@canteen.dev" }).ALLOCATION_ACTOR_EMAIL).toBe("hr@canteen.dev");
    for (const name of ["DATABASE_URL", "DATABASE_DIRECT_URL", "DB_POOL_MAX", "SHUTDOWN_TIMEOUT_MS", "SHUTDOWN_DELAY_MS", "HOST", "PORT", "ALLOCATION_ACTOR_EMAIL", "AUTH_SECRET"]) {
      expect(DECLARED_ENV_NAMES.has(name), name).toBe(true);
    }
    expect(DECLARED_ENV_NAMES.has("HOSTNAME")).toBe(false);
  });
});
