/**
 * A push service of the test's own: an HTTP server that records what Canteen posts to it
 * and answers with the status the test chooses, plus a browser-side subscription (a real
 * P-256 key pair and auth secret) so a received message can be checked and decrypted the
 * way a browser would (RFC 8291 aes128gcm, RFC 8292 VAPID).
 */
import { createECDH, createHmac, createDecipheriv, createPublicKey, randomBytes, verify } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedPush = { path: string; headers: Record<string, string>; body: Buffer };

export type LocalPushEndpoint = {
  origin: string;
  received: ReceivedPush[];
  /** Statuses to answer with, in order; 201 once they run out. */
  respondWith: (...statuses: number[]) => void;
  /** Resolves once `count` messages have arrived in all. */
  waitFor: (count: number, timeoutMs?: number) => Promise<ReceivedPush[]>;
  close: () => Promise<void>;
};

export async function startPushEndpoint(): Promise<LocalPushEndpoint> {
  const received: ReceivedPush[] = [];
  const statuses: number[] = [];
  const waiters: (() => void)[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, String(value)]));
      received.push({ path: request.url ?? "", headers, body: Buffer.concat(chunks) });
      response.writeHead(statuses.shift() ?? 201).end();
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    respondWith: (...next) => statuses.push(...next),
    waitFor: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} push messages, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, Math.min(left, 250));
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** What a browser's PushManager.subscribe() hands the app, with the private half kept for decrypting. */
export function browserSubscription(endpoint: string) {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    endpoint,
    keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") },
    decrypt: (body: Buffer) => decryptAes128gcm(body, ecdh, auth),
  };
}

/**
 * Checks the `Authorization: vapid t=<JWT>, k=<public key>` header: the JWT is ES256,
 * signed by the key it names, for the endpoint's origin, not expired. Returns its claims.
 */
export function verifyVapid(headers: Record<string, string>, endpointOrigin: string) {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(headers.authorization ?? "");
  if (!match?.[1] || !match[2]) throw new Error(`not a VAPID authorization header: ${headers.authorization}`);
  const [header, claims, signature] = match[1].split(".") as [string, string, string];
  const point = Buffer.from(match[2], "base64url");
  if (point.length !== 65 || point[0] !== 4) throw new Error("k is not an uncompressed P-256 point");
  const key = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") },
    format: "jwk",
  });
  const valid = verify("sha256", Buffer.from(`${header}.${claims}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
  if (!valid) throw new Error("the VAPID JWT signature does not verify with k");
  const parsedHeader = JSON.parse(Buffer.from(header, "base64url").toString()) as { alg: string };
  const parsedClaims = JSON.parse(Buffer.from(claims, "base64url").toString()) as { aud: string; exp: number; sub: string };
  if (parsedHeader.alg !== "ES256") throw new Error(`VAPID alg ${parsedHeader.alg}`);
  if (parsedClaims.aud !== endpointOrigin) throw new Error(`VAPID aud ${parsedClaims.aud} is not ${endpointOrigin}`);
  if (parsedClaims.exp * 1000 <= Date.now()) throw new Error("the VAPID JWT has expired");
  return { publicKey: match[2], claims: parsedClaims };
}

const hmac = (key: Buffer, data: Buffer) => createHmac("sha256", key).update(data).digest();

/** RFC 8291 §3.4 / RFC 8188, as the browser does it: one record, padding delimiter 0x02. */
function decryptAes128gcm(body: Buffer, ecdh: ReturnType<typeof createECDH>, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const senderKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const shared = ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), ecdh.getPublicKey(), senderKey]);
  const ikm = hmac(hmac(authSecret, shared), Buffer.concat([keyInfo, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0\x01")).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0\x01")).subarray(0, 12);
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("no final-record padding delimiter");
  return padded.subarray(0, end).toString("utf8");
}
