import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

import type { Context, MiddlewareHandler } from "hono";

import { HttpError } from "./errors.ts";
import { sitePageFile } from "./site-pages.ts";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

/* Already-compressed formats gain nothing from another pass. */
const compressible = new Set([
  ".html",
  ".js",
  ".mjs",
  ".css",
  ".json",
  ".map",
  ".svg",
  ".txt",
  ".xml",
  ".webmanifest",
  ".ico",
]);

/** Vite puts content-hashed files here; their names change with them. */
const hashedAssets = "/assets/";
const immutable = "public, max-age=31536000, immutable";

type Encoding = "br" | "gzip" | "identity";

const compress = {
  br: promisify(brotliCompress),
  gzip: promisify(gzip),
};

/**
 * Serves the built SPA from `distDir` as CloudFront will: compressed
 * with brotli or gzip, hashed assets cached for a year, `index.html`
 * revalidated every time, and any path without a file extension
 * answered with its page (`site-pages.ts`) so the SPA's own routes work
 * on reload.
 * If the SPA is not built, pages get a 503 that says so; the API
 * keeps working.
 */
export function serveStaticFiles(distDir: string): MiddlewareHandler {
  const root = resolve(distDir);
  const cache: FileCache = new Map();

  return async function serveFile(c) {
    const path = requestedFile(root, c.req.path);
    const isPage = extname(c.req.path) === "";
    const file = isPage
      ? await findPage(root, c.req.path)
      : await findFile(path);
    if (!file) {
      if (isPage) return notBuiltPage(c);
      throw new HttpError(404, "not_found", "No file is found at this path.");
    }

    const etag = `W/"${file.size.toString(36)}-${file.mtimeMs.toString(36)}"`;
    const headers = cachingHeaders(c.req.path, isPage, etag);
    if (c.req.header("if-none-match") === etag) {
      return c.body(null, 304, headers);
    }

    const encoding = chooseEncoding(file.path, c.req.header("accept-encoding"));
    const body = await encodedFile(cache, file, encoding);
    return c.body(new Uint8Array(body), 200, {
      ...headers,
      "Content-Type":
        contentTypes[extname(file.path)] ?? "application/octet-stream",
      ...(encoding === "identity" ? {} : { "Content-Encoding": encoding }),
    });
  };
}

/* The decoded path, kept inside the root whatever `..` it carries. */
function requestedFile(root: string, urlPath: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    throw new HttpError(404, "not_found", "No file is found at this path.");
  }

  const path = resolve(root, `.${decoded}`);
  if (path !== root && !path.startsWith(root + sep)) {
    throw new HttpError(404, "not_found", "No file is found at this path.");
  }
  return path;
}

/*
 * A page is its prerendered file, or else the empty shell. A build made
 * without the prerender step has only index.html, which then serves
 * every page as before.
 */
async function findPage(root: string, urlPath: string) {
  const own = await findFile(join(root, sitePageFile(urlPath)));
  return own ?? (await findFile(join(root, "index.html")));
}

interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
}

async function findFile(path: string): Promise<FoundFile | undefined> {
  try {
    const info = await stat(path);
    return info.isFile()
      ? { path, size: info.size, mtimeMs: info.mtimeMs }
      : undefined;
  } catch {
    return undefined;
  }
}

function cachingHeaders(urlPath: string, isPage: boolean, etag: string) {
  const longLived = !isPage && urlPath.startsWith(hashedAssets);
  return {
    "Cache-Control": longLived ? immutable : "no-cache",
    ETag: etag,
    Vary: "Accept-Encoding",
  };
}

function chooseEncoding(path: string, accepted = ""): Encoding {
  if (!compressible.has(extname(path))) return "identity";

  const offered = new Set(
    accepted
      .split(",")
      .map((part) => part.trim().toLowerCase())
      .filter((part) => !/;\s*q=0(\.0*)?$/.test(part))
      .map((part) => part.split(";")[0]),
  );
  if (offered.has("br")) return "br";
  if (offered.has("gzip")) return "gzip";
  return "identity";
}

type FileCache = Map<string, { version: string; body: Buffer }>;

/*
 * The built files rarely change while the server runs, so each one is
 * compressed once per encoding and kept. A rebuild changes the file's
 * time and size, and the entry is then replaced.
 */
async function encodedFile(
  cache: FileCache,
  file: FoundFile,
  encoding: Encoding,
): Promise<Buffer> {
  const key = `${file.path}|${encoding}`;
  const version = `${file.mtimeMs}|${file.size}`;
  const cached = cache.get(key);
  if (cached?.version === version) return cached.body;

  const raw = await readFile(file.path);
  const body =
    encoding === "br"
      ? await compress.br(raw, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 10 },
        })
      : encoding === "gzip"
        ? await compress.gzip(raw, { level: 9 })
        : raw;
  cache.set(key, { version, body });
  return body;
}

function notBuiltPage(c: Context): Response {
  const html =
    "<!doctype html><html lang=en><meta charset=utf-8>" +
    "<title>Not built yet</title>" +
    "<h1>The app has not been built yet</h1>" +
    "<p>The build folder has no <code>index.html</code>. Run " +
    "<code>npm run build</code> (or <code>npm start</code>, which builds " +
    "first), then reload. The API works meanwhile: " +
    '<a href="/api/health">/api/health</a>.</p>';
  return c.html(html, 503, {
    "Cache-Control": "no-store",
    "Retry-After": "30",
  });
}
