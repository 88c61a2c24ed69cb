import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runningServerPid, startEmbeddedPostgres } from "../db/embedded";
import { bundledPostgresMajor, checkDataFolderVersion, checkPortFree, checkWritable } from "./preflight";

/** Where `npm start` keeps the embedded database and generated secrets; git-ignored. */
export const DATA_DIR = path.resolve(process.env.CANTEEN_DATA_DIR ?? ".data");
const EMBEDDED_PORT = Number(process.env.CANTEEN_PG_PORT ?? 54329);

/**
 * The database for local commands: DATABASE_URL when set, otherwise the embedded
 * PostgreSQL in .data/ (started here, stopped by the returned function).
 */
export async function localDatabase(): Promise<{ url: string; embedded: boolean; stop: () => Promise<void> }> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, embedded: false, stop: async () => {} };
  // A container (NODE_ENV=production, see Dockerfile) never starts a database of its own.
  if (process.env.NODE_ENV === "production") throw new Error("DATABASE_URL is required (the embedded database is for development only)");
  const pgDataDir = path.join(DATA_DIR, "pg");
  checkWritable(DATA_DIR, "CANTEEN_DATA_DIR");
  checkDataFolderVersion(pgDataDir, bundledPostgresMajor(), "npm run db:reset (it deletes the local demo data)");
  // A server of ours left running holds the port too; starting stops it, so only a stranger is a problem.
  if (runningServerPid(pgDataDir) === null) {
    await checkPortFree(EMBEDDED_PORT, "the embedded PostgreSQL", `choose another: CANTEEN_PG_PORT=${EMBEDDED_PORT + 1} npm start`);
  }
  const cluster = await startEmbeddedPostgres({ dataDir: pgDataDir, port: EMBEDDED_PORT });
  const postgres = (await import("postgres")).default;
  const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin`select 1 as found from pg_database where datname = 'canteen'`;
    if (!row) await admin`create database canteen`;
  } finally {
    await admin.end();
  }
  return { url: cluster.urlFor("canteen"), embedded: true, stop: cluster.stop };
}

/** The auth secret: from the environment, or generated on the first start and kept in .data/. */
export function localAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(DATA_DIR, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
