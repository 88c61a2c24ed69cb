import { createHash } from "node:crypto";
import { and, eq, lt, notExists, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { menuImages, menuItems } from "@/db/schema";
import { DomainError } from "../errors";
import { imageUrl } from "./manage";
import { IMAGE_TYPES, MAX_IMAGE_BYTES, type ImageType } from "./inputs";

/** The file's real type from its first bytes; the name or the browser's claim is never trusted. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  // RIFF....WEBP
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return "image/webp";
  return null;
}

/** Stores an uploaded picture (PNG, JPEG or WebP up to 2 MB) for a store's menu; attach it to an item afterwards. */
export async function uploadMenuImage(args: { tx: DbOrTx; input: { storeId: string; actorId: string; dataBase64: string } }) {
  const { tx, input } = args;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.dataBase64)) {
    throw new DomainError("BAD_REQUEST", "imageUnreadable", "the upload is not base64");
  }
  const bytes = Buffer.from(input.dataBase64, "base64");
  if (bytes.length === 0) throw new DomainError("BAD_REQUEST", "imageEmpty", "the file is empty");
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new DomainError("BAD_REQUEST", "imageTooLarge", `the picture is ${bytes.length} bytes, above ${MAX_IMAGE_BYTES}`, {
      maxMb: MAX_IMAGE_BYTES / 1024 / 1024,
    });
  }
  const contentType = sniffImageType(bytes);
  if (!contentType || !IMAGE_TYPES.includes(contentType)) {
    throw new DomainError("BAD_REQUEST", "imageTypeUnsupported", "only PNG, JPEG and WebP pictures are accepted");
  }
  const [image] = await tx
    .insert(menuImages)
    .values({
      storeId: input.storeId,
      contentType,
      byteSize: bytes.length,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      data: bytes,
      createdBy: input.actorId,
    })
    .returning({ id: menuImages.id, contentType: menuImages.contentType, byteSize: menuImages.byteSize });
  if (!image) throw new Error("image insert returned nothing");
  return { ...image, url: imageUrl(image.id) };
}

/** One picture to serve; pictures are public (the kiosk and the pay app both show them). */
export async function loadMenuImage(args: { tx: DbOrTx; input: { id: string } }) {
  const [image] = await args.tx
    .select({ contentType: menuImages.contentType, data: menuImages.data, sha256: menuImages.sha256 })
    .from(menuImages)
    .where(eq(menuImages.id, args.input.id));
  return image ?? null;
}

/**
 * Drops pictures no item shows: uploads whose dialog was cancelled and pictures since replaced.
 * Only those older than `before`, so an upload whose item is still being filled in is kept.
 */
export async function pruneMenuImages(tx: DbOrTx, before: Date) {
  const removed = await tx
    .delete(menuImages)
    .where(
      and(
        lt(menuImages.createdAt, before),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(menuItems)
            .where(eq(menuItems.imagePath, sql`'/api/menu-images/' || ${menuImages.id}::text`)),
        ),
      ),
    )
    .returning({ id: menuImages.id });
  return removed.length;
}
