/**
 * Prints the gzipped first-load JavaScript of a route from the last `next build`: the
 * scripts every page loads (build-manifest rootMainFiles) plus the route's own entry chunks
 * (its client reference manifest, layouts included). Fails when over the budget.
 *   npm run report:pay-bundle [-- /pay/code]
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import vm from "node:vm";

const BUDGET_BYTES = 150 * 1024;
const root = path.resolve(import.meta.dirname, "..");
const next = path.join(root, ".next");
const route = process.argv[2] ?? "/pay";

if (!existsSync(path.join(next, "build-manifest.json"))) {
  console.error("No build output in .next: run `next build` first.");
  process.exit(2);
}

const buildManifest = JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
const appPaths = JSON.parse(readFileSync(path.join(next, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
const entry = Object.entries(appPaths).find(([, url]) => url === route)?.[0];
if (!entry) {
  console.error(`No app route ${route} in this build.`);
  process.exit(2);
}

// The client reference manifest is a script that fills globalThis.__RSC_MANIFEST.
const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
sandbox.globalThis = sandbox;
vm.runInNewContext(readFileSync(path.join(next, "server/app", `${entry}_client-reference-manifest.js`), "utf8"), sandbox);
const manifest = sandbox.__RSC_MANIFEST?.[entry];
if (!manifest?.entryJSFiles) {
  console.error(`No entry chunks for ${entry}.`);
  process.exit(2);
}

const files = [...new Set([...buildManifest.rootMainFiles, ...Object.values(manifest.entryJSFiles).flat()])];
let total = 0;
const rows = files.map((file) => {
  const bytes = readFileSync(path.join(next, file));
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  total += gzipped;
  return { file, raw: bytes.length, gzipped };
});
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
for (const row of rows.sort((a, b) => b.gzipped - a.gzipped)) {
  console.log(`${kb(row.gzipped).padStart(9)} gz  ${kb(row.raw).padStart(9)} raw  ${row.file}`);
}
console.log(`\nFirst-load JS of ${route}: ${kb(total)} gzipped, ${total} bytes (${files.length} files; budget ${kb(BUDGET_BYTES)}, ${BUDGET_BYTES} bytes)`);
if (total > BUDGET_BYTES) {
  console.error(`Over the budget by ${total - BUDGET_BYTES} bytes.`);
  process.exit(1);
}
