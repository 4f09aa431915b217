/** The few storage calls the app makes, so a memory copy can stand in. */
export interface KeyValueStorage {
  read(key: string): string | null;
  write(key: string, value: string): void;
  remove(key: string): void;
  /** False when values last only as long as this page. */
  readonly persistent: boolean;
}

/**
 * Opens localStorage, or a memory store when the browser refuses it:
 * private modes and locked-down settings throw on access, and a full
 * quota throws on write. The app keeps working either way; only a
 * reload then loses the answers.
 *
 * @example
 * const storage = openBrowserStorage();
 * storage.write("key", "value");
 */
export function openBrowserStorage(): KeyValueStorage {
  const memory = new Map<string, string>();
  let local = probeLocalStorage();

  function fallBackToMemory() {
    local = undefined;
  }

  return {
    get persistent() {
      return local !== undefined;
    },

    read(key) {
      if (!local) return memory.get(key) ?? null;
      try {
        return local.getItem(key);
      } catch {
        fallBackToMemory();
        return memory.get(key) ?? null;
      }
    },

    write(key, value) {
      memory.set(key, value);
      try {
        local?.setItem(key, value);
      } catch {
        fallBackToMemory();
      }
    },

    remove(key) {
      memory.delete(key);
      try {
        local?.removeItem(key);
      } catch {
        fallBackToMemory();
      }
    },
  };
}

function probeLocalStorage(): Storage | undefined {
  const probe = "ira:probe";
  try {
    const storage = window.localStorage;
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined;
  }
}
