import type { MiddlewareHandler } from "hono";

import { securityHeaders } from "../security-headers.ts";

/**
 * Sets the security headers on every response, errors and static files
 * included, after the handler has run so that nothing can drop them.
 */
export function secureResponses(frameAncestors: string): MiddlewareHandler {
  const headers = Object.entries(securityHeaders(frameAncestors));

  return async function addSecurityHeaders(c, next) {
    await next();
    for (const [name, value] of headers) c.res.headers.set(name, value);
  };
}
