import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

import type { MiddlewareHandler } from "hono";

import { HttpError } from "../errors.ts";

/** The scheme name under which the admin token is documented. */
export const adminTokenScheme = "adminToken";

const digest = (text: string) =>
  createHash("sha256").update(text, "utf8").digest();

/**
 * Lets a request through only with `Authorization: Bearer <token>` for
 * the configured admin token. Both sides are hashed to SHA-256 first,
 * so `timingSafeEqual` always compares 32 bytes and the time taken
 * says nothing about the token's length or how much of a guess was
 * right. Without a configured token nothing matches. Every refusal is
 * the same 401, so a caller cannot tell the cases apart.
 *
 * @example
 * app.use("/api/admin/*", requireAdmin(config.adminToken));
 */
export function requireAdmin(
  adminToken: string | undefined,
): MiddlewareHandler {
  // A random digest nobody knows stands in for a missing token.
  const expected = adminToken ? digest(adminToken) : randomBytes(32);
  const enabled = adminToken !== undefined;

  return async function checkAdminToken(c, next) {
    const given = bearerToken(c.req.header("authorization"));
    const matches = timingSafeEqual(digest(given ?? ""), expected);
    if (!enabled || given === undefined || !matches) throw unauthorized();
    await next();
  };
}

function bearerToken(header: string | undefined): string | undefined {
  return header?.match(/^Bearer +(\S+) *$/i)?.[1];
}

function unauthorized(): HttpError {
  return new HttpError(
    401,
    "unauthorized",
    "Send a valid admin token as Authorization: Bearer <token>.",
    { headers: { "WWW-Authenticate": "Bearer" } },
  );
}

/**
 * Keeps admin answers, which hold personal data, out of every cache,
 * errors included.
 */
export function noStore(): MiddlewareHandler {
  return async function setNoStore(c, next) {
    await next();
    c.res.headers.set("Cache-Control", "no-store");
  };
}
