import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A new deletion token to show once, and the hash to store instead. */
export function createDeletionToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashDeletionToken(token) };
}

/** The SHA-256 of a token, as hex. Only this ever reaches the store. */
export function hashDeletionToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * True when the token hashes to the stored hash. Both sides are
 * digests of equal length, compared in constant time, so the time
 * taken says nothing about how much of a guess was right.
 */
export function deletionTokenMatches(
  token: string,
  storedHash: string,
): boolean {
  const given = Buffer.from(hashDeletionToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
