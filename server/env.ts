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

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({ error: "DATABASE_URL is required (npm start sets it for the embedded database)" })
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// connection string"),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
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
  })
  .superRefine((value, ctx) => {
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
