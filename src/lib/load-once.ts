const failedLoads = new Set<() => void>();

/**
 * Wraps a loader so every caller shares one promise, which React's
 * `use` needs. A failed load stays failed (so an error boundary sees
 * it) until `forgetFailedLoads` runs; then the next call fetches again,
 * which a `React.lazy` component never does.
 *
 * @example
 * const loadResults = loadOnce(() => import("./results-screen.tsx"));
 * const { ResultsScreen } = use(loadResults());
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;

  function forget() {
    pending = undefined;
    failedLoads.delete(forget);
  }

  return function loadShared() {
    pending ??= load().catch((error: unknown) => {
      failedLoads.add(forget);
      throw error;
    });
    return pending;
  };
}

/** Lets every load that failed be tried again; "Try again" calls it. */
export function forgetFailedLoads() {
  for (const forget of [...failedLoads]) forget();
}
