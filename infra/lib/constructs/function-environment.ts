/**
 * A function's environment variable that is left out, rather than set
 * to an empty string, when there is no value, so the function's
 * configuration shows only what a deployment actually set.
 *
 * @example
 * environment: { ...optionalVariable("LEAD_WEBHOOK_URL", url) }
 */
export function optionalVariable(
  name: string,
  value: string | undefined,
): Record<string, string> {
  return value === undefined ? {} : { [name]: value };
}
