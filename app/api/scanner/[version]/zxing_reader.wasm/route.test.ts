import { createHash } from "node:crypto";
import { BarcodeDetector, prepareZXingModule, ZXING_WASM_SHA256, ZXING_WASM_VERSION } from "barcode-detector/ponyfill";
import QRCode from "qrcode";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readScan, zxingWasmPath } from "@/components/kiosk/camera-scan-logic";
import { generatePayCode, newDeviceSecret } from "@/lib/paycode";
import { GET } from "./route";

const get = (version: string) =>
  GET(new Request(`http://kiosk.test${zxingWasmPath(version)}`), { params: Promise.resolve({ version }) });

/** A pay code's QR as the phone draws it: black modules on white with a quiet zone, as RGBA pixels. */
function qrPixels(text: string, scale = 6, quiet = 4) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const size = (modules.size + quiet * 2) * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const row = Math.floor(y / scale) - quiet;
      const col = Math.floor(x / scale) - quiet;
      const dark = row >= 0 && col >= 0 && row < modules.size && col < modules.size && modules.get(row, col) === 1;
      if (dark) data.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3);
    }
  }
  return { data, width: size, height: size, colorSpace: "srgb" as const };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("GET /api/scanner/[version]/zxing_reader.wasm", () => {
  it("serves the very WebAssembly the installed barcode-detector was built against, cacheable for good", async () => {
    const response = await get(ZXING_WASM_VERSION);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/wasm");
    expect(response.headers.get("cache-control")).toContain("immutable");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(ZXING_WASM_SHA256);
  });

  it("serves nothing under another version, so an old page never pairs with a new decoder", async () => {
    const response = await get("0.0.1");
    expect(response.status).toBe(404);
  });

  it("decodes a real pay code's QR with the served decoder into the code's digits", async () => {
    const wasmBinary = await (await get(ZXING_WASM_VERSION)).arrayBuffer();
    await prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
    // Node lacks two DOM classes the detector uses: ImageData for its input (it reads the pixels)
    // and DOMRectReadOnly for each symbol's bounding box. These stand-ins carry the same fields.
    vi.stubGlobal(
      "DOMRectReadOnly",
      class DOMRectReadOnly {
        constructor(
          readonly x = 0,
          readonly y = 0,
          readonly width = 0,
          readonly height = 0,
        ) {}
      },
    );
    vi.stubGlobal(
      "ImageData",
      class ImageData {
        constructor(
          readonly data: Uint8ClampedArray,
          readonly width: number,
          readonly height: number,
        ) {}
      },
    );
    const ImageDataClass = globalThis.ImageData;
    const code = await generatePayCode({ secret: newDeviceSecret(), deviceNo: 4321, now: new Date() });
    const pixels = qrPixels(code);
    const image = new ImageDataClass(pixels.data, pixels.width, pixels.height);

    const detector = new BarcodeDetector({ formats: ["qr_code", "code_128"] });
    const found = await detector.detect(image);
    expect(found.map((symbol) => symbol.format)).toEqual(["qr_code"]);
    expect(readScan(found.map((symbol) => symbol.rawValue))).toEqual({ kind: "payCode", code });

    const link = qrPixels("https://canteen.dev/pay");
    const other = await detector.detect(new ImageDataClass(link.data, link.width, link.height));
    expect(readScan(other.map((symbol) => symbol.rawValue))).toEqual({ kind: "notPayCode" });
  });
});
