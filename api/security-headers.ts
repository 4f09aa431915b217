/*
 * The security headers every response carries, as plain data. The
 * Node server and the Lambda set them from here, and the CDK stack
 * reads the same values for CloudFront's response headers policy, so
 * local and production never drift apart.
 */

/** CSP directives, apart from `frame-ancestors`, which is configured. */
export const contentSecurityPolicyDirectives: Readonly<Record<string, string>> =
  {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "object-src": "'none'",
  };

/** Who may frame the app when nothing is configured: only itself. */
export const defaultFrameAncestors = "'self'";

/** Two years, the span browsers' preload lists ask for. */
export const strictTransportSecurity = "max-age=63072000; includeSubDomains";

export const referrerPolicy = "strict-origin-when-cross-origin";

/** The powerful features the app never uses, switched off. */
export const permissionsPolicy =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

/**
 * The full Content-Security-Policy value. Scripts may only come from
 * our own origin, so no inline script ever runs.
 *
 * @example
 * contentSecurityPolicy("'self' https://partner.example");
 * // "default-src 'self'; …; frame-ancestors 'self' https://partner.example"
 */
export function contentSecurityPolicy(
  frameAncestors = defaultFrameAncestors,
): string {
  const directives = Object.entries(contentSecurityPolicyDirectives).map(
    ([name, value]) => `${name} ${value}`,
  );
  return [...directives, `frame-ancestors ${frameAncestors}`].join("; ");
}

/**
 * Every security header by name, ready to set on a response.
 *
 * @example
 * for (const [name, value] of Object.entries(securityHeaders("'self'"))) {
 *   response.headers.set(name, value);
 * }
 */
export function securityHeaders(
  frameAncestors = defaultFrameAncestors,
): Readonly<Record<string, string>> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(frameAncestors),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": referrerPolicy,
    "Strict-Transport-Security": strictTransportSecurity,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": permissionsPolicy,
  };
}
