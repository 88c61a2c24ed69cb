/**
 * Renders the pay app's icons (scripts/icons/*.svg) to the PNGs the web app manifest and iOS
 * need, through the same Chromium the e2e tests use. Run after changing an SVG:
 *   npm run icons:pay
 */
import { readFileSync } from "node:fs";
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");
const outputs = [
  { svg: "icon.svg", size: 192, file: "icon-192.png" },
  { svg: "icon.svg", size: 512, file: "icon-512.png" },
  // Maskable: full bleed, the cup inside the middle 80% that every mask keeps.
  { svg: "icon-maskable.svg", size: 192, file: "icon-maskable-192.png" },
  { svg: "icon-maskable.svg", size: 512, file: "icon-maskable-512.png" },
  // iOS rounds the corners itself and shows transparency as black.
  { svg: "icon-maskable.svg", size: 180, file: "apple-touch-icon.png" },
];

const systemChromium = "/usr/bin/chromium";
const browser = await chromium.launch(
  existsSync(systemChromium) ? { executablePath: systemChromium, args: ["--no-sandbox", "--disable-gpu"] } : {},
);
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const output of outputs) {
    const svg = readFileSync(path.join(root, "scripts/icons", output.svg), "utf8");
    await page.setViewportSize({ width: output.size, height: output.size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><div style="width:${output.size}px;height:${output.size}px">${svg.replace("<svg ", `<svg width="${output.size}" height="${output.size}" `)}</div></body></html>`,
    );
    await page.locator("svg").screenshot({ path: path.join(root, "public/icons", output.file), omitBackground: true });
    console.log(`public/icons/${output.file} (${output.size}×${output.size})`);
  }
} finally {
  await browser.close();
}
