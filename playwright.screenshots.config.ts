import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * `npm run screenshots`: the README's pictures of each face, taken from the production build
 * on a fresh database loaded with the same month of demo purchases `npm start` shows.
 */
const port = Number(process.env.SCREENSHOTS_PORT ?? 3190);

export default defineConfig({
  ...base,
  testDir: "e2e-docs",
  retries: 0,
  workers: 1,
  timeout: 120_000,
  reporter: [["list"]],
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    ...(Array.isArray(base.webServer) ? base.webServer[0] : base.webServer),
    command: "npx tsx e2e/server.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    env: { E2E_PORT: String(port), E2E_DEMO_HISTORY: "1" },
    timeout: 900_000,
  },
});
