import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import type {
  AdminLead,
  DeadLetter,
} from "../../src/features/leads/admin-api.ts";
import { adminTokenKey } from "../../src/features/leads/admin-token.ts";
import { json, stubNetwork, type Route } from "../support/stub-network.ts";
import { findScreenHeading, renderApp } from "./render-app.tsx";

const token = "admin-token-for-component-tests";

function lead(n: number, overrides: Partial<AdminLead> = {}): AdminLead {
  return {
    id: `00000000-0000-4000-8000-00000000000${n}`,
    assessmentId: `10000000-0000-4000-8000-00000000000${n}`,
    createdAt: `2026-12-0${n}T10:00:00.000Z`,
    name: `Person ${n}`,
    email: `person${n}@example.com`,
    company: `Company ${n}`,
    role: "Architect",
    companySize: "50-249",
    interest: "full-report",
    scores: { overall: { score: 40 + n, level: "defined" } },
    delivery: { status: "delivered", attempts: 1 },
    ...overrides,
  };
}

/** The admin API as the server answers it, for the right token only. */
function adminApi(
  pages: Record<string, { leads: AdminLead[]; nextCursor?: string }>,
  deadLetters: DeadLetter[] = [],
): Route {
  return (request) => {
    if (!request.path.startsWith("/api/admin/")) return undefined;
    if (request.headers.get("Authorization") !== `Bearer ${token}`) {
      return json(401, { error: { code: "unauthorized" } });
    }
    if (request.path === "/api/admin/leads") {
      return json(200, pages[request.query.get("cursor") ?? ""]);
    }
    if (request.path === "/api/admin/leads.csv") {
      return new Response('"name"\r\n"Person 1"\r\n', {
        headers: {
          "Content-Type": "text/csv",
          "Content-Disposition": 'attachment; filename="leads-2026-12-03.csv"',
        },
      });
    }
    if (request.path === "/api/admin/dead-letters") {
      return json(200, { deadLetters });
    }
    if (request.method === "POST" && request.path.endsWith("/replay")) {
      return json(202, {});
    }
    return undefined;
  };
}

async function openAdmin() {
  const view = await renderApp("/admin");
  await findScreenHeading("Leads");
  return view;
}

async function enterToken(value: string) {
  const { user } = await openAdmin();
  await user.type(screen.getByLabelText("Admin token"), value);
  await user.click(screen.getByRole("button", { name: "Show the leads" }));
  return user;
}

function leadRows() {
  const table = screen.getByRole("table", { name: "Leads, newest first" });
  return within(table).getAllByRole("row").slice(1);
}

describe("the admin page", () => {
  beforeAll(async () => {
    await import("../../src/features/leads/admin.ts");
  }, 30_000);

  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStorage.clear();
  });

  it("says when the token is not accepted, and forgets it", async () => {
    stubNetwork([adminApi({ "": { leads: [] } })]);

    await enterToken("not-the-token");

    expect(
      await screen.findByText(
        "The token was not accepted. Check it and enter it again.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText("Admin token")).toHaveFocus();
    expect(sessionStorage.getItem(adminTokenKey)).toBeNull();
  });

  it("lists leads newest first and loads more with the cursor", async () => {
    const network = stubNetwork([
      adminApi({
        "": { leads: [lead(3), lead(2)], nextCursor: "page-2" },
        "page-2": { leads: [lead(1)] },
      }),
    ]);
    const user = await enterToken(token);

    await screen.findByRole("table", { name: "Leads, newest first" });
    expect(sessionStorage.getItem(adminTokenKey)).toBe(token);
    const first = within(leadRows()[0]!).getAllByRole("cell");
    expect(first.map((cell) => cell.textContent)).toEqual([
      "Person 3",
      "Company 3",
      "person3@example.com",
      "Architect",
      "50 to 249 employees",
      "Email me the full report",
      "43",
      "Defined",
      "Delivered",
    ]);

    await user.click(screen.getByRole("button", { name: "Load more" }));

    await waitFor(() => expect(leadRows()).toHaveLength(3));
    expect(leadRows()[2]).toHaveTextContent("Person 1");
    expect(
      screen.queryByRole("button", { name: "Load more" }),
    ).not.toBeInTheDocument();
    const pages = network.sent("GET", "/api/admin/leads");
    expect(pages.map((p) => p.query.get("cursor"))).toEqual([null, "page-2"]);
  });

  it("sends the filters with the list request", async () => {
    const network = stubNetwork([adminApi({ "": { leads: [lead(1)] } })]);
    const user = await enterToken(token);
    await screen.findByRole("table", { name: "Leads, newest first" });

    await user.type(screen.getByLabelText("From"), "2026-11-01");
    await user.selectOptions(
      screen.getByRole("combobox", { name: "Maturity level" }),
      "defined",
    );
    await user.click(screen.getByRole("button", { name: "Apply filters" }));

    await waitFor(() =>
      expect(network.sent("GET", "/api/admin/leads")).toHaveLength(2),
    );
    const filtered = network.sent("GET", "/api/admin/leads")[1]!;
    expect(filtered.query.get("from")).toBe("2026-11-01");
    expect(filtered.query.get("level")).toBe("defined");
    expect(filtered.query.has("to")).toBe(false);
  });

  it("downloads the CSV with the token, under the server's file name", async () => {
    const network = stubNetwork([adminApi({ "": { leads: [lead(1)] } })]);
    const downloads: string[] = [];
    vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:leads");
    vi.spyOn(URL, "revokeObjectURL").mockReturnValue(undefined);
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(`${this.download} ${this.href}`);
    });
    const user = await enterToken(token);
    await screen.findByRole("table", { name: "Leads, newest first" });

    await user.click(screen.getByRole("button", { name: "Download CSV" }));

    expect(
      await screen.findByText("Downloaded leads-2026-12-03.csv."),
    ).toBeInTheDocument();
    const [csv] = network.sent("GET", "/api/admin/leads.csv");
    expect(csv!.headers.get("Authorization")).toBe(`Bearer ${token}`);
    expect(downloads).toEqual(["leads-2026-12-03.csv blob:leads"]);
  });

  it("lists failed deliveries and replays one", async () => {
    const failed: DeadLetter = {
      id: lead(4).id,
      assessmentId: lead(4).assessmentId,
      createdAt: lead(4).createdAt,
      company: "Company 4",
      attempts: 8,
      lastError: "HTTP 500",
    };
    const network = stubNetwork([adminApi({ "": { leads: [] } }, [failed])]);
    const user = await enterToken(token);

    const table = await screen.findByRole("table", {
      name: "Failed deliveries",
    });
    expect(within(table).getByText("HTTP 500")).toBeInTheDocument();
    await user.click(
      within(table).getByRole("button", {
        name: /^Replay the lead from Company 4, /,
      }),
    );

    expect(
      await screen.findByText(
        /^The lead from Company 4, .* is being delivered again\.$/,
      ),
    ).toBeInTheDocument();
    const [replay] = network.sent(
      "POST",
      `/api/admin/dead-letters/${failed.id}/replay`,
    );
    expect(replay!.headers.get("Authorization")).toBe(`Bearer ${token}`);
    expect(
      screen.queryByRole("table", { name: "Failed deliveries" }),
    ).not.toBeInTheDocument();
  });
});
