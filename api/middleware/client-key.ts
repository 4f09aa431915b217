import type { Context } from "hono";

import type { ClientKey } from "./rate-limit.ts";

/** The network address a runtime saw the request come from. */
export type ClientAddress = (c: Context) => string | undefined;

/**
 * Picks the key a client is rate-limited by. Behind `trustedProxies`
 * proxies it is the `X-Forwarded-For` entry that many places from the
 * right: the address the outermost trusted proxy saw. Entries further
 * left were written by the client and could be anything.
 *
 * @example
 * // One proxy; it appended 198.51.100.4, what the client sent is ignored.
 * // X-Forwarded-For: 1.2.3.4, 198.51.100.4  ->  "198.51.100.4"
 * createClientKey(address, 1);
 */
export function createClientKey(
  address: ClientAddress,
  trustedProxies: number,
): ClientKey {
  return function clientKeyOf(c) {
    const forwarded =
      trustedProxies > 0
        ? c.req
            .header("x-forwarded-for")
            ?.split(",")
            .at(-trustedProxies)
            ?.trim()
        : undefined;
    return forwarded || address(c) || "unknown";
  };
}
