/**
 * `npm run screenshots`: rebuilds the README's pictures (docs/screens/*.png) from a production
 * build, as e2e runs it. Builds first when there is no build yet.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const run = (command: string, args: string[]) => {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!existsSync(".next/BUILD_ID") || process.argv.includes("--build")) run("npx", ["next", "build"]);
run("npx", ["playwright", "test", "--config", "playwright.screenshots.config.ts"]);
console.log("docs/screens/ updated");
