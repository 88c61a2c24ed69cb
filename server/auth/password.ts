import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 defaults to argon2id; these are OWASP's minimum recommended costs for it.
const COST = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string) {
  return hash(password, COST);
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash means the password cannot match, not that the server should fail.
    return false;
  }
}

// Verifying against this when the account does not exist keeps the response time the same.
export const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1GmIBsW3u2tNmFtz0WiM2eYoZaUhSDz/2A8jU2p5c6E";
