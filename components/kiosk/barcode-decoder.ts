"use client";

import { chooseDecoder, SCAN_FORMATS, zxingWasmPath } from "./camera-scan-logic";

/** The part of the Barcode Detection API the scanner uses; the native class and the ponyfill share it. */
export type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };

type NativeDetectorClass = new (options: { formats: string[] }) => Detector;

/**
 * A barcode reader for the camera view, loaded only when the camera opens.
 *
 * Fallback: the `barcode-detector` ponyfill (ZXing-C++ compiled to WebAssembly) rather than
 * jsQR. It is actively maintained (jsQR's last release was in 2020), it has the very same
 * interface as the native BarcodeDetector, so one scanning loop serves both, and it also
 * reads Code 128, the phone's second symbol. Its price is a ~1 MB .wasm, fetched on the
 * first camera scan from our own origin (app/api/scanner) and cached from then on; the
 * kiosk's first load does not carry it (dynamic import).
 */
export async function openDetector(): Promise<Detector> {
  const native: unknown = (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector;
  const choice = await chooseDecoder(native);
  if (choice.kind === "native") return new (native as NativeDetectorClass)({ formats: choice.formats });

  const { BarcodeDetector, prepareZXingModule, ZXING_WASM_VERSION } = await import("barcode-detector/ponyfill");
  const wasmUrl = new URL(zxingWasmPath(ZXING_WASM_VERSION), window.location.origin).href;
  // Instantiated now, so a .wasm that cannot be fetched shows as a failed scanner rather
  // than as every frame failing to decode.
  await prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? wasmUrl : prefix + path) },
    fireImmediately: true,
  });
  return new BarcodeDetector({ formats: [...SCAN_FORMATS] });
}
