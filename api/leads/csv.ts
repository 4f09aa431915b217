/**
 * Characters that make a spreadsheet read a cell as a formula. A cell
 * that starts with one gets a leading apostrophe, so it shows as text.
 */
const formulaStart = /^[=+\-@\t\r|%]/;

/** Makes one value safe to open in a spreadsheet and quotes it for CSV. */
export function toCsvCell(
  value: string | number | boolean | undefined,
): string {
  if (value === undefined) return '""';
  const text = String(value);
  const neutral =
    typeof value === "string" && formulaStart.test(text) ? `'${text}` : text;
  return `"${neutral.replace(/"/g, '""')}"`;
}

/**
 * Writes rows as CSV with a header line, CRLF line ends (as RFC 4180 and
 * spreadsheets expect) and every cell quoted and neutralised.
 *
 * @example
 * toCsv(["name"], [["=cmd()"]]); // "\"name\"\r\n\"'=cmd()\"\r\n"
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | undefined)[])[],
): string {
  const lines = [header, ...rows].map((row) => row.map(toCsvCell).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
