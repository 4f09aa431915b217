import { StoreRequestError, StoreUnavailableError } from "./store-errors.ts";

/*
 * Exceptions that mean our request was wrong. Everything else (network
 * errors, timeouts, throttling, a missing table, the service failing)
 * means the store cannot serve us now, and a retry may succeed.
 */
const requestFaults = new Set([
  "ValidationException",
  "SerializationException",
]);

/** True when a conditional write or delete found its condition false. */
export function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof Error && error.name === "ConditionalCheckFailedException"
  );
}

/** True when the table (or the engine's table) does not exist. */
export function isMissingTable(error: unknown): boolean {
  return error instanceof Error && error.name === "ResourceNotFoundException";
}

/** True when a table with this name is already being created. */
export function isTableInUse(error: unknown): boolean {
  return error instanceof Error && error.name === "ResourceInUseException";
}

/**
 * Turns an SDK exception into the store's own error, keeping the
 * original as its cause for the server log.
 */
export function toStoreError(operation: string, error: unknown): Error {
  const name = error instanceof Error ? error.name : "UnknownError";
  const message = `${operation} failed: ${name}`;

  return requestFaults.has(name)
    ? new StoreRequestError(message, { cause: error })
    : new StoreUnavailableError(message, { cause: error });
}
