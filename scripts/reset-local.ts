import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { StartProblem } from "./preflight";

/** Deletes the embedded database folder, unless its server is still running on it. */
export function removeLocalDatabase(pgDataDir: string): boolean {
  if (!existsSync(pgDataDir)) return false;
  const pidFile = path.join(pgDataDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      throw new StartProblem(`Canteen's database is still running (process ${pid}). Stop npm start with Ctrl+C first, then reset.`);
    }
  }
  rmSync(pgDataDir, { recursive: true, force: true });
  return true;
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
