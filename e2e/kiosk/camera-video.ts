import { renameSync, writeFileSync } from "node:fs";
import QRCode from "qrcode";

/**
 * Chromium's fake camera (`--use-file-for-fake-video-capture`) plays a YUV4MPEG2 file in a
 * loop. These helpers draw a QR code into such a file, as a phone held up to the tablet would
 * show it, so the kiosk's camera scanner decodes a real picture.
 */
const WIDTH = 640;
const HEIGHT = 480;
const FRAMES = 5;
const HEADER = `YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`;

/**
 * The arguments that give the browser a camera playing `file`. Not `--use-fake-ui-for-media-stream`:
 * it says yes to every page even where the camera permission is blocked, and then no test could
 * refuse it; the context's permissions (Playwright's `permissions: ["camera"]`) decide instead.
 */
export function fakeCameraArgs(file: string) {
  return ["--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${file}`];
}

/** A grey luma plane with `text`'s QR code in the middle, black on white, with its quiet zone. */
function qrFrame(text: string | null): Buffer {
  const luma = Buffer.alloc(WIDTH * HEIGHT, 0x70);
  if (text === null) return luma;
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const quiet = 4;
  // About the size of a phone screen held a hand away: inside the kiosk's framing guide.
  const scale = Math.floor((Math.min(WIDTH, HEIGHT) * 0.4) / (modules.size + quiet * 2));
  const side = (modules.size + quiet * 2) * scale;
  const left = Math.floor((WIDTH - side) / 2);
  const top = Math.floor((HEIGHT - side) / 2);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const row = Math.floor(y / scale) - quiet;
      const col = Math.floor(x / scale) - quiet;
      const dark = row >= 0 && col >= 0 && row < modules.size && col < modules.size && modules.get(row, col) === 1;
      luma[(top + y) * WIDTH + left + x] = dark ? 0x10 : 0xeb;
    }
  }
  return luma;
}

/**
 * Writes the video the fake camera plays: `text`'s QR code, or an empty grey picture for null.
 * Through a rename, because the browser may still hold the previous file open.
 */
export function writeCameraVideo(file: string, text: string | null) {
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2), 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), qrFrame(text), chroma, chroma]);
  const video = Buffer.concat([Buffer.from(HEADER), ...Array.from({ length: FRAMES }, () => frame)]);
  const next = `${file}.${process.pid}.next`;
  writeFileSync(next, video);
  renameSync(next, file);
}
