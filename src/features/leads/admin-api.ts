/** The admin token was missing or wrong: the API answered 401. */
export class AdminAuthError extends Error {
  constructor() {
    super("The admin token was not accepted.");
    this.name = "AdminAuthError";
  }
}

/** Any other failed admin request. */
export class AdminRequestError extends Error {
  readonly status: number;

  constructor(status: number) {
    super(`The admin request failed with status ${status}.`);
    this.name = "AdminRequestError";
    this.status = status;
  }
}

export type DeliveryStatus = "pending" | "delivered" | "dead-letter";

/** A lead as the admin page shows it; the API sends more. */
export interface AdminLead {
  id: string;
  assessmentId: string;
  createdAt: string;
  name: string;
  email: string;
  company: string;
  role: string;
  companySize: string;
  interest: string;
  scores: { overall: { score: number; level: string } };
  delivery: {
    status: DeliveryStatus;
    attempts: number;
    lastAttemptAt?: string;
    lastError?: string;
  };
}

export interface LeadPage {
  leads: AdminLead[];
  nextCursor?: string;
}

/** The list filters, as the form holds them; empty means no filter. */
export interface LeadFilters {
  from: string;
  to: string;
  level: string;
}

export const noFilters: LeadFilters = { from: "", to: "", level: "" };

/** The query string for the filters, without empty values. */
function filterQuery(
  filters: LeadFilters,
  extra: Record<string, string | undefined> = {},
) {
  const entries = Object.entries({ ...filters, ...extra }).filter(
    (entry): entry is [string, string] =>
      typeof entry[1] === "string" && entry[1] !== "",
  );
  const query = new URLSearchParams(entries).toString();
  return query ? `?${query}` : "";
}

async function adminFetch(token: string, path: string, init?: RequestInit) {
  const response = await fetch(path, {
    ...init,
    headers: { Authorization: `Bearer ${token}` },
  });
  if (response.status === 401) throw new AdminAuthError();
  if (!response.ok) throw new AdminRequestError(response.status);
  return response;
}

/** One page of leads, newest first. */
export async function fetchLeads(
  token: string,
  filters: LeadFilters,
  cursor?: string,
): Promise<LeadPage> {
  const query = filterQuery(filters, { limit: "50", cursor });
  const response = await adminFetch(token, `/api/admin/leads${query}`);
  return (await response.json()) as LeadPage;
}

/** A lead whose delivery gave up; the API leaves out personal data. */
export interface DeadLetter {
  id: string;
  assessmentId: string;
  createdAt: string;
  company: string;
  attempts: number;
  lastAttemptAt?: string;
  lastError?: string;
}

/** The leads whose delivery to the CRM gave up. */
export async function fetchDeadLetters(token: string): Promise<DeadLetter[]> {
  const response = await adminFetch(token, "/api/admin/dead-letters");
  const body = (await response.json()) as { deadLetters?: DeadLetter[] };
  return body.deadLetters ?? [];
}

/** Starts the delivery of a dead-lettered lead again. */
export async function replayDelivery(token: string, leadId: string) {
  const path = `/api/admin/dead-letters/${encodeURIComponent(leadId)}/replay`;
  const response = await adminFetch(token, path, { method: "POST" });
  await response.text();
}

/**
 * Fetches the CSV export with the token (a plain link could not send
 * it) and hands it to the browser as a download, under the name the
 * server gave it.
 */
export async function downloadLeadsCsv(token: string, filters: LeadFilters) {
  const query = filterQuery(filters);
  const response = await adminFetch(token, `/api/admin/leads.csv${query}`);
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get("Content-Disposition"));

  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return name;
}

/** The file name in a Content-Disposition header, or a plain default. */
function fileNameOf(header: string | null): string {
  const encoded = header?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (encoded) {
    try {
      return safeName(decodeURIComponent(encoded));
    } catch {
      // Falls through to the plain name.
    }
  }
  const plain = header?.match(/filename="?([^";]+)"?/i)?.[1];
  return plain ? safeName(plain) : "leads.csv";
}

function safeName(name: string) {
  return name.replace(/[\\/]/g, "_").trim() || "leads.csv";
}
