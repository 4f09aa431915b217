/**
 * The pages of the built SPA that are prerendered, by path, and the
 * file each is in. Every other page path gets the empty shell, which
 * the SPA renders itself. The prerender script writes these files, the
 * Node server serves them, and the CloudFront function maps to them.
 *
 * @example
 * sitePageFile("/assessment/1"); // "assessment/1.html"
 * sitePageFile("/results"); // "app.html"
 */
export const prerenderedPages: Readonly<Record<string, string>> = {
  "/": "index.html",
  "/assessment/1": "assessment/1.html",
};

/** The shell without prerendered content. */
export const shellPage = "app.html";

/** The file that answers a page path (one without a file extension). */
export function sitePageFile(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  return prerenderedPages[trimmed || "/"] ?? shellPage;
}
