import { z } from "zod";

/**
 * The validated environment: the only place that reads `process.env`.
 * Parsed lazily so `next build` (which has no database) can import modules that use it.
 */
const optionalNonEmpty = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

/** The sandbox card terminal's timings (server/providers/sandbox-card-terminal.ts); e2e shortens the time-out. */
const cardSandboxShape = {
  CARD_SANDBOX_DELAY_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  CARD_SANDBOX_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).optional(),
};

/**
 * The PG for card top-ups (server/providers/pg-factory.ts). With no settings at all the
 * sandbox PG inside this app is used, with fixed development keys, so dev and e2e need
 * nothing; TOSS_SECRET_KEY + TOSS_CLIENT_KEY switch the real Toss Payments adapter on.
 */
const DEV_WEBHOOK_SECRET = "sandbox_whsec_canteen_development";
const pgShape = {
  PG_PROVIDER: z.enum(["sandbox", "toss"]).optional(),
  PG_SANDBOX_URL: z.url("PG_SANDBOX_URL must be an absolute URL such as http://127.0.0.1:3000").optional(),
  PG_SANDBOX_SECRET_KEY: z.string().min(16, "PG_SANDBOX_SECRET_KEY must be at least 16 characters").default("sandbox_sk_canteen_development"),
  PG_SANDBOX_CLIENT_KEY: z.string().min(8).default("sandbox_ck_canteen_development"),
  PG_SANDBOX_WEBHOOK_URL: z.url("PG_SANDBOX_WEBHOOK_URL must be an absolute URL").optional(),
  PG_SANDBOX_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).optional(),
  PG_SANDBOX_WEBHOOK_RETRY_MS: z.coerce.number().int().min(0).max(3_600_000).optional(),
  PG_WEBHOOK_SECRET: z.string().min(16, "PG_WEBHOOK_SECRET must be at least 16 characters").default(DEV_WEBHOOK_SECRET),
  TOSS_SECRET_KEY: optionalNonEmpty,
  TOSS_CLIENT_KEY: optionalNonEmpty,
  TOSS_API_URL: z.url().default("https://api.tosspayments.com"),
  PORT: z.coerce.number().int().min(1).max(65_535).optional(),
};

/** Web Push (server/domain/push): who the push services may contact about our messages, and a test-only switch. */
const pushShape = {
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, "VAPID_SUBJECT must be a mailto: address or an https:// URL")
    .default("mailto:cafe@canteen.dev"),
  // Lets tests' own http push endpoint on this machine receive pushes; never set in production.
  PUSH_ALLOW_LOOPBACK: z.enum(["0", "1"]).default("0").transform((value) => value === "1"),
};

/**
 * Moves a test server's clock (server/clock.ts) so a story can happen at lunchtime whenever CI
 * runs; the browsers' clocks are moved by the same amount. Never set in production.
 */
const TEN_YEARS_MS = 10 * 366 * 24 * 3_600_000;
const clockShape = {
  CANTEEN_TEST_CLOCK_OFFSET_MS: z.coerce.number().int().min(-TEN_YEARS_MS).max(TEN_YEARS_MS).default(0),
};

/**
 * The server entry (scripts/serve.ts): where it listens and how it drains on SIGTERM.
 * HOST rather than HOSTNAME: Kubernetes sets HOSTNAME to the pod's name.
 */
const serveShape = {
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /** After SIGTERM, keep serving this long with readiness false, so load balancers stop sending first. */
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  /** The longest wait for in-flight requests (and payments) to finish before closing anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
};

const postgresUrl = (name: string) =>
  z.string().regex(/^postgres(ql)?:\/\//, `${name} must be a postgres:// connection string`);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({ error: "DATABASE_URL is required (npm start sets it for the embedded database)" })
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// connection string"),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    /** "0" for a transaction-mode pooler that cannot keep prepared statements (PgBouncer before 1.21). */
    DB_PREPARE: z.enum(["0", "1"]).default("1").transform((value) => value === "1"),
    /**
     * A direct (session) connection to PostgreSQL for LISTEN, when DATABASE_URL goes through a
     * pooler in transaction mode (PgBouncer): LISTEN needs its connection to itself.
     */
    DATABASE_DIRECT_URL: postgresUrl("DATABASE_DIRECT_URL").optional(),
    AUTH_SECRET: z
      .string({ error: "AUTH_SECRET is required (npm start generates one in .data/)" })
      .min(32, "AUTH_SECRET must be at least 32 characters"),
    APP_URL: z.url("APP_URL must be an absolute URL such as https://canteen.example.com").optional(),
    AUTH_OIDC_ISSUER: z.url("AUTH_OIDC_ISSUER must be the issuer URL").optional(),
    AUTH_OIDC_CLIENT_ID: optionalNonEmpty,
    AUTH_OIDC_CLIENT_SECRET: optionalNonEmpty,
    AUTH_OIDC_NAME: z.string().default("Company SSO"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ...cardSandboxShape,
    ...pgShape,
    ...pushShape,
    ...clockShape,
    ...serveShape,
  })
  .superRefine((value, ctx) => {
    if (value.CANTEEN_TEST_CLOCK_OFFSET_MS !== 0 && value.TOSS_SECRET_KEY) {
      ctx.addIssue({ code: "custom", path: ["CANTEEN_TEST_CLOCK_OFFSET_MS"], message: "a moved clock is for tests only and cannot run with a real PG" });
    }
    const oidc = [value.AUTH_OIDC_ISSUER, value.AUTH_OIDC_CLIENT_ID, value.AUTH_OIDC_CLIENT_SECRET];
    const set = oidc.filter(Boolean).length;
    if (set !== 0 && set !== 3) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_OIDC_ISSUER"],
        message: "AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET must be set together",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`),
    );
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function oidcEnabled(current: Env = env()) {
  return Boolean(current.AUTH_OIDC_ISSUER && current.AUTH_OIDC_CLIENT_ID && current.AUTH_OIDC_CLIENT_SECRET);
}

/**
 * Just the sandbox terminal's settings, parsed apart from `env()` so code that builds the
 * terminal (and tests without a database URL) does not need the whole environment.
 */
export function cardSandboxEnv(source: Record<string, string | undefined> = process.env) {
  return z
    .object({ NODE_ENV: z.enum(["development", "production", "test"]).default("development"), ...cardSandboxShape })
    .parse(source);
}

/** Just the test clock's offset, parsed apart from `env()` like cardSandboxEnv. */
export function clockEnv(source: Record<string, string | undefined> = process.env) {
  return z.object(clockShape).parse(source);
}

export type PgEnv = ReturnType<typeof pgEnv>;

/**
 * The PG settings alone, parsed apart from `env()` (like cardSandboxEnv) so the providers and
 * the sandbox need no database URL. Production with a real PG must not run on the default
 * development keys: TOSS_* needs PG_WEBHOOK_SECRET of its own.
 */
export function pgEnv(source: Record<string, string | undefined> = process.env) {
  return z
    .object({ NODE_ENV: z.enum(["development", "production", "test"]).default("development"), APP_URL: z.url().optional(), ...pgShape })
    .superRefine((value, ctx) => {
      if (Boolean(value.TOSS_SECRET_KEY) !== Boolean(value.TOSS_CLIENT_KEY)) {
        ctx.addIssue({ code: "custom", path: ["TOSS_SECRET_KEY"], message: "TOSS_SECRET_KEY and TOSS_CLIENT_KEY must be set together" });
      }
      if (value.PG_PROVIDER === "toss" && !value.TOSS_SECRET_KEY) {
        ctx.addIssue({ code: "custom", path: ["PG_PROVIDER"], message: "PG_PROVIDER=toss needs TOSS_SECRET_KEY and TOSS_CLIENT_KEY" });
      }
      if (value.TOSS_SECRET_KEY && value.PG_WEBHOOK_SECRET === DEV_WEBHOOK_SECRET) {
        ctx.addIssue({ code: "custom", path: ["PG_WEBHOOK_SECRET"], message: "the real PG needs a PG_WEBHOOK_SECRET of its own" });
      }
    })
    .transform((value) => {
      const provider = value.PG_PROVIDER ?? (value.TOSS_SECRET_KEY ? "toss" : "sandbox");
      // The sandbox runs inside this app; Canteen still talks to it over HTTP, at its own origin.
      const sandboxUrl = (value.PG_SANDBOX_URL ?? value.APP_URL ?? `http://127.0.0.1:${value.PORT ?? 3000}`).replace(/\/$/, "");
      const fast = value.NODE_ENV === "test";
      return {
        provider,
        sandboxUrl,
        sandboxSecretKey: value.PG_SANDBOX_SECRET_KEY,
        sandboxClientKey: value.PG_SANDBOX_CLIENT_KEY,
        sandboxWebhookUrl: value.PG_SANDBOX_WEBHOOK_URL ?? `${sandboxUrl}/api/pg/webhook`,
        sandboxTimeoutMs: value.PG_SANDBOX_TIMEOUT_MS ?? (fast ? 50 : 8_000),
        sandboxWebhookRetryMs: value.PG_SANDBOX_WEBHOOK_RETRY_MS ?? (fast ? 10 : 1_000),
        webhookSecret: value.PG_WEBHOOK_SECRET,
        tossSecretKey: value.TOSS_SECRET_KEY ?? null,
        tossClientKey: value.TOSS_CLIENT_KEY ?? null,
        tossApiUrl: value.TOSS_API_URL.replace(/\/$/, ""),
        /** With APP_URL set, the only origin the PG may send employees back to. */
        APP_URL_ORIGIN: value.APP_URL ? new URL(value.APP_URL).origin : null,
      };
    })
    .parse(source);
}

/** Just the push settings, for the jobs runner, which has no full app environment. */
export function pushEnv(source: Record<string, string | undefined> = process.env) {
  return z.object(pushShape).parse(source);
}

/** The server entry's settings, parsed apart from `env()`: scripts/serve.ts runs before the app loads. */
export function serveEnv(source: Record<string, string | undefined> = process.env) {
  return z.object(serveShape).parse(source);
}

/**
 * The jobs runner's settings (scripts/jobs.ts): its database (a direct connection, for the
 * advisory locks that keep each job to one runner at a time) and who the scheduled
 * allocation acts as.
 */
const jobsShape = {
  DATABASE_URL: postgresUrl("DATABASE_URL").optional(),
  DATABASE_DIRECT_URL: postgresUrl("DATABASE_DIRECT_URL").optional(),
  ALLOCATION_ACTOR_EMAIL: z.email("ALLOCATION_ACTOR_EMAIL must be an email address").optional(),
};

export function jobsEnv(source: Record<string, string | undefined> = process.env) {
  return z.object(jobsShape).parse(source);
}

/**
 * Every variable Canteen reads, by name: the app's, the server entry's and the jobs runner's,
 * plus what `npm start` and the tests read (see README, Environment). The deployment
 * manifests may set only these (deploy/k8s.test.ts).
 */
export const DECLARED_ENV_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(envSchema.shape),
  ...Object.keys(jobsShape),
  "CANTEEN_DATA_DIR",
  "CANTEEN_PG_PORT",
  "TEST_DATABASE_URL",
  "NEXT_TELEMETRY_DISABLED",
]);
