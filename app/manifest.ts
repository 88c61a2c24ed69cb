import type { MetadataRoute } from "next";

/** The employee's pay app, installable to the home screen; it opens straight on /pay. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/pay",
    name: "Canteen Pay",
    short_name: "Canteen",
    description: "사내 카페·식당 결제 — 결제 코드, 식권, 충전",
    lang: "ko",
    start_url: "/pay",
    scope: "/pay",
    display: "standalone",
    orientation: "portrait",
    background_color: "#f2f4f6",
    theme_color: "#3182f6",
    categories: ["finance", "food"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
    shortcuts: [{ name: "결제 코드", short_name: "결제", url: "/pay/code", icons: [{ src: "/icons/icon-192.png", sizes: "192x192" }] }],
  };
}
