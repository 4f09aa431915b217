import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { loadContent } from "../../src/core/content/load-content.server.ts";

/**
 * Copies the real content folder somewhere temporary, lets a test edit
 * one file in it, and loads the result the way the build does.
 */
export function loadEditedContent(
  file: string,
  edit: (source: string) => string,
) {
  const root = mkdtempSync(join(tmpdir(), "content-"));
  try {
    cpSync("content", join(root, "content"), { recursive: true });
    const path = join(root, "content", file);
    const before = readFileSync(path, "utf8");
    const after = edit(before);
    if (after === before)
      throw new Error(`the edit changed nothing in ${file}`);
    writeFileSync(path, after);
    return loadContent(join(root, "content"), root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Loads the content as it is in the repository. */
export function loadRealContent() {
  return loadContent("content");
}
