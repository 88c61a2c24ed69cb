import { createSerwistRoute } from "@serwist/turbopack";

/**
 * Serves the service worker built from app/sw.ts at /serwist/sw.js. It is built once during
 * `next build` (a static route), with the build's static files as its precache list.
 */
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "app/sw.ts",
  // esbuild proper is installed; the default esbuild-wasm is not.
  useNativeEsbuild: true,
  // A classic script, so Safari versions without module workers run it too.
  esbuildOptions: { format: "iife" },
  globPatterns: [".next/static/**/*.{js,css,woff2}", "public/icons/*.png"],
});
