import { z } from "zod";
import { db } from "@/server/db";
import { loadMenuImage } from "@/server/domain/menu/images";

/**
 * A menu picture. Each upload gets a new id and is never changed, so browsers and any CDN may
 * keep it for a year; the ETag answers a revalidation without sending the bytes again.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const parsed = z.uuid().safeParse((await params).id);
  if (!parsed.success) return new Response("not found", { status: 404 });
  const image = await loadMenuImage({ tx: db(), input: { id: parsed.data } });
  if (!image) return new Response("not found", { status: 404, headers: { "cache-control": "no-store" } });
  const etag = `"${image.sha256}"`;
  const headers = {
    "content-type": image.contentType,
    "cache-control": "public, max-age=31536000, immutable",
    etag,
    "x-content-type-options": "nosniff",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(image.data), { headers: { ...headers, "content-length": String(image.data.length) } });
}
