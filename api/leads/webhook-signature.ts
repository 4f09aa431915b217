/**
 * The signature a webhook receiver checks: an HMAC-SHA256 of the
 * timestamp and the body, joined by a dot, keyed with the shared secret.
 * Signing the timestamp too lets a receiver refuse old replays.
 *
 * Uses Web Crypto, so the same code runs in Node and in Lambda.
 *
 * @example
 * const signature = await signWebhook(secret, "1733250000", body);
 * // header: X-Signature: sha256=<hex>
 */
export async function signWebhook(
  secret: string,
  timestamp: string,
  body: string,
): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign(
    "HMAC",
    key,
    encoder.encode(`${timestamp}.${body}`),
  );
  const hex = Array.from(new Uint8Array(mac), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");
  return `sha256=${hex}`;
}
