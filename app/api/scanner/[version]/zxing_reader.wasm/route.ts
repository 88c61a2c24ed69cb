import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ZXING_WASM_SHA256, ZXING_WASM_VERSION } from "barcode-detector/ponyfill";
import { logger } from "@/server/log";

/**
 * The kiosk camera scanner's fallback decoder (ZXing as WebAssembly), served from our own
 * origin because the counter has no internet and the library would otherwise fetch it from
 * a CDN. The version is in the path, so the tablet caches it for good after the first scan.
 */
export const dynamic = "force-dynamic";

// npm may nest the decoder's own copy under barcode-detector when versions differ; the
// checksum the library carries picks the file it was built against. Literal paths, so the
// build traces these two files rather than the whole project.
const CANDIDATES = [
  () => readFile(path.join(process.cwd(), "node_modules", "barcode-detector", "node_modules", "zxing-wasm", "dist", "reader", "zxing_reader.wasm")),
  () => readFile(path.join(process.cwd(), "node_modules", "zxing-wasm", "dist", "reader", "zxing_reader.wasm")),
];

let wasm: Promise<Uint8Array<ArrayBuffer> | null> | null = null;

async function matchingWasm(): Promise<Uint8Array<ArrayBuffer> | null> {
  for (const read of CANDIDATES) {
    const bytes = await read().catch((error: unknown) => {
      if (error instanceof Error && "code" in error && error.code === "ENOENT") return null;
      throw error;
    });
    if (bytes && createHash("sha256").update(bytes).digest("hex") === ZXING_WASM_SHA256) return new Uint8Array(bytes);
  }
  return null;
}

export async function GET(_request: Request, context: { params: Promise<{ version: string }> }) {
  const { version } = await context.params;
  if (version !== ZXING_WASM_VERSION) {
    return Response.json({ error: `decoder ${ZXING_WASM_VERSION} is served, not ${version}` }, { status: 404 });
  }
  wasm ??= matchingWasm();
  let bytes: Uint8Array<ArrayBuffer> | null;
  try {
    bytes = await wasm;
  } catch (error) {
    // A read error is not remembered: the next request tries the disk again.
    wasm = null;
    throw error;
  }
  if (!bytes) {
    wasm = null;
    logger.error({ version: ZXING_WASM_VERSION }, "scanner: no zxing_reader.wasm with the expected checksum in node_modules");
    return Response.json({ error: "decoder not installed" }, { status: 500 });
  }
  return new Response(bytes, {
    headers: {
      // instantiateStreaming accepts only this type.
      "content-type": "application/wasm",
      "cache-control": "public, max-age=31536000, immutable",
    },
  });
}
