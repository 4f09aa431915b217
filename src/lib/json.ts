/** True for a plain object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parses what the app stored or received, or gives undefined: a value
 * someone else wrote into storage may be anything.
 *
 * @example
 * parseJson(storage.read(key)); // undefined for null or broken JSON
 */
export function parseJson(raw: string | null): unknown {
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
