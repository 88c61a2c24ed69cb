import { existsSync, rmSync } from "node:fs";
import { runningServerPid } from "../db/embedded";
import { StartProblem } from "./preflight";

/** Deletes the embedded database folder, unless its server is still running on it. */
export function removeLocalDatabase(pgDataDir: string): boolean {
  if (!existsSync(pgDataDir)) return false;
  const pid = runningServerPid(pgDataDir);
  if (pid !== null) {
    throw new StartProblem(`Canteen's database is still running (process ${pid}). Stop npm start with Ctrl+C first, then reset.`);
  }
  rmSync(pgDataDir, { recursive: true, force: true });
  return true;
}
