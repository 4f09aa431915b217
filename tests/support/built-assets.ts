/*
 * What the production build in dist/ holds, for the benchmark: which
 * files carry the charts and the pattern pages, and gzip sizes.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { patternLoaders } from "../../src/generated/patterns/index.ts";
import type { Transfer } from "./transfer-log.ts";

/** Built JavaScript files whose text contains a marker. */
function builtFilesContaining(distDir: string, markers: string[]): Set<string> {
  const assetsDir = join(distDir, "assets");
  const files = readdirSync(assetsDir).filter((file) => file.endsWith(".js"));
  return new Set(
    files.filter((file) => {
      const text = readFileSync(join(assetsDir, file), "utf8");
      return markers.some((marker) => text.includes(marker));
    }),
  );
}

/** A phrase from each pattern page's introduction, found only in it. */
async function patternPageMarkers(): Promise<string[]> {
  const pages = await Promise.all(
    Object.values(patternLoaders).map((load) => load()),
  );
  return pages.map(({ page }) => {
    const firstLine = page.introHtml.replace(/^<p>/, "").split("\n")[0]!;
    return firstLine.slice(0, 48);
  });
}

/** Where the charts and the pattern pages ended up in the build. */
export async function findLazyChunks(distDir: string) {
  return {
    charts: builtFilesContaining(distDir, ["recharts-wrapper"]),
    patterns: builtFilesContaining(distDir, await patternPageMarkers()),
  };
}

export type LazyChunks = Awaited<ReturnType<typeof findLazyChunks>>;

/**
 * What the same files weigh gzipped at level 9, as the server sends
 * them to a browser without brotli: the budget is stated in gzip.
 */
export function gzipBytes(distDir: string, transfers: Transfer[]) {
  return transfers.reduce((sum, t) => sum + gzipSizeOf(distDir, t.file), 0);
}

function gzipSizeOf(distDir: string, file: string) {
  const path = join(distDir, "assets", file);
  if (!existsSync(path)) return 0;
  return gzipSync(readFileSync(path), { level: 9 }).length;
}
