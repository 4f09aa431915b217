import { screen, waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { minimumFormMs } from "../../src/core/leads/lead-schema.ts";
import { scoreAssessment } from "../../src/core/scoring/score-assessment.ts";
import type { Submission } from "../../src/core/submission.ts";
import { content } from "../../src/generated/content.ts";
import { rememberedLeadKey } from "../../src/features/leads/remembered-lead.ts";
import { savedAnswersKey } from "../../src/lib/saved-answers.ts";
import {
  json,
  stubNetwork,
  type Route,
  type SentRequest,
} from "../support/stub-network.ts";
import {
  findScreenHeading,
  firstOptions,
  renderApp,
  seedSavedAnswers,
} from "./render-app.tsx";

const details = {
  name: "Grace Hopper",
  email: "grace@navy.example",
  company: "Compiler Works",
  role: "Principal Architect",
  companySize: "250-999",
  interest: "talk-to-architect",
  consent: true,
};

/** The API storing the submitted result, as POST /api/assessments does. */
const storeAssessment: Route = (request) => {
  if (request.method !== "POST" || request.path !== "/api/assessments") {
    return undefined;
  }
  const submission = request.body as Submission;
  return json(201, {
    id: submission.id,
    contentVersion: content.version,
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    answers: submission.answers,
    result: scoreAssessment(content, submission.answers),
    deletionToken: "token-for-deleting-this-result",
  });
};

function settings(leadGate: string): Route {
  return (request) =>
    request.path === "/api/settings"
      ? json(200, { leadGate, leadsEnabled: true })
      : undefined;
}

/** Answers POST /api/leads with the responses given, then with 201. */
function leadResponses(...responses: (() => Response)[]): Route {
  return (request) => {
    if (request.method !== "POST" || request.path !== "/api/leads") {
      return undefined;
    }
    const next = responses.shift();
    return next ? next() : json(201, { id: leadOf(request).id });
  };
}

function leadOf(request: SentRequest) {
  return request.body as Record<string, unknown> & { id: string };
}

async function openResults(...routes: Route[]) {
  const network = stubNetwork([...routes, storeAssessment, leadResponses()]);
  seedSavedAnswers(firstOptions(content.questions.length), { position: 14 });
  const view = await renderApp("/results");
  await findScreenHeading("Your results");
  return { ...view, network };
}

async function fillForm(user: UserEvent, values = details) {
  await user.type(screen.getByRole("textbox", { name: "Name" }), values.name);
  await user.type(
    screen.getByRole("textbox", { name: "Work email" }),
    values.email,
  );
  await user.type(
    screen.getByRole("textbox", { name: "Company" }),
    values.company,
  );
  await user.type(screen.getByRole("textbox", { name: "Role" }), values.role);
  await user.selectOptions(
    screen.getByRole("combobox", { name: "Company size" }),
    values.companySize,
  );
  await user.click(screen.getByRole("radio", { name: "Talk to an architect" }));
  await user.click(screen.getByRole("checkbox", { name: /I agree/ }));
}

const sendButton = () =>
  screen.getByRole("button", { name: "Send my details" });

const scoresHeading = () =>
  screen.queryByRole("heading", { level: 2, name: "Scores by area" });

function findThanks() {
  return screen.findByText("Thanks — we will be in touch.", undefined, {
    timeout: 3000,
  });
}

describe("the lead form on the results", () => {
  beforeAll(async () => {
    await import("../../src/features/results/index.ts");
    await import("../../src/features/results/area-charts.tsx");
    await import("../../src/features/leads/index.ts");
  }, 30_000);

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows each missing field's error under it and focuses the first", async () => {
    const { user, network } = await openResults(settings("results-first"));
    await screen.findByRole("form", { name: "Leave your details" });

    await user.click(sendButton());

    const name = screen.getByRole("textbox", { name: "Name" });
    await waitFor(() => expect(name).toHaveFocus());
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(name).toHaveAccessibleDescription("Name is required");
    expect(
      screen.getByRole("textbox", { name: "Work email" }),
    ).toHaveAccessibleDescription("Enter a valid work email");
    expect(
      screen.getByRole("combobox", { name: "Company size" }),
    ).toHaveAccessibleDescription("Choose a company size");
    expect(
      screen.getByRole("group", { name: "What would you like?" }),
    ).toHaveAccessibleDescription("Choose what you would like");
    expect(
      screen.getByText("Consent is needed before we can contact you"),
    ).toBeInTheDocument();
    expect(network.sent("POST", "/api/leads")).toHaveLength(0);
  });

  it("puts the server's objections next to the fields they name", async () => {
    const refused = () =>
      json(400, {
        error: {
          code: "invalid_body",
          message: "The body is not valid.",
          issues: [
            {
              path: ["email"],
              code: "custom",
              message: "Use your work email",
            },
          ],
        },
      });
    const { user } = await openResults(
      settings("results-first"),
      leadResponses(refused),
    );
    await screen.findByRole("form", { name: "Leave your details" });
    await fillForm(user);

    await user.click(sendButton());

    const email = screen.getByRole("textbox", { name: "Work email" });
    await waitFor(() => expect(email).toHaveFocus());
    expect(email).toHaveAccessibleDescription("Use your work email");
    expect(email).toHaveAttribute("aria-invalid", "true");
  });

  it("sends one lead for a double click, and the same id after a retry", async () => {
    const busy = () =>
      json(
        503,
        { error: { code: "store_unavailable" } },
        { "Retry-After": "7" },
      );
    const { user, network } = await openResults(
      settings("results-first"),
      leadResponses(busy),
    );
    await screen.findByRole("form", { name: "Leave your details" });
    await fillForm(user);

    await user.dblClick(sendButton());
    expect(
      await screen.findByText(/Please try again in 7 seconds/),
    ).toBeInTheDocument();
    expect(network.sent("POST", "/api/leads")).toHaveLength(1);

    await user.click(sendButton());
    await findThanks();

    const sent = network.sent("POST", "/api/leads").map(leadOf);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.id).toBe(sent[0]!.id);
    const assessment = network.sent("POST", "/api/assessments")[0]!;
    expect(sent[1]).toMatchObject({
      ...details,
      assessmentId: (assessment.body as Submission).id,
      website: "",
    });
    expect(sent[1]!.elapsedMs).toEqual(expect.any(Number));
  });

  it("hides the honeypot from people, the keyboard and assistive tech", async () => {
    await openResults(settings("results-first"));
    const form = await screen.findByRole("form", {
      name: "Leave your details",
    });

    const names = within(form)
      .getAllByRole("textbox")
      .map((box) => box.getAttribute("name"));
    expect(names).not.toContain("website");

    const honeypot = form.querySelector<HTMLInputElement>(
      'input[name="website"]',
    )!;
    expect(honeypot).toHaveAttribute("tabindex", "-1");
    expect(honeypot).toHaveAttribute("autocomplete", "off");
    expect(honeypot.closest('[aria-hidden="true"]')).not.toBeNull();
  });

  it("keeps the result behind the form when the gate is form-first", async () => {
    const { user, network } = await openResults(settings("form-first"));
    await screen.findByRole("form", { name: "Leave your details" });

    expect(scoresHeading()).not.toBeInTheDocument();
    expect(
      screen.queryByRole("table", { name: "Scores by area" }),
    ).not.toBeInTheDocument();

    await fillForm(user);
    await user.click(sendButton());

    const thanks = await findThanks();
    expect(thanks).toHaveFocus();
    expect(
      await screen.findByRole("table", { name: "Scores by area" }),
    ).toBeInTheDocument();
    expect(network.sent("POST", "/api/leads")).toHaveLength(1);
  });

  it("shows the result first when the settings cannot be read", async () => {
    const broken: Route = (request) =>
      request.path === "/api/settings"
        ? json(500, { error: { code: "internal_error" } })
        : undefined;
    await openResults(broken);

    await screen.findByRole("form", { name: "Leave your details" });
    expect(scoresHeading()).toBeInTheDocument();
  });

  it("remembers who sent details, and asks a returning person with one click", async () => {
    const first = await openResults(settings("form-first"));
    await screen.findByRole("form", { name: "Leave your details" });
    await fillForm(first.user);
    await first.user.click(sendButton());
    await findThanks();
    first.unmount();

    const kept = JSON.parse(localStorage.getItem(rememberedLeadKey)!) as {
      details: typeof details;
    };
    expect(kept.details).toEqual(details);

    // A new assessment in the same browser: retake, then the results.
    const answers = firstOptions(content.questions.length);
    localStorage.removeItem(savedAnswersKey);
    seedSavedAnswers(answers, { position: 14 });
    const again = await openResults(settings("form-first"));

    expect(scoresHeading()).toBeInTheDocument();
    expect(
      screen.queryByRole("form", { name: "Leave your details" }),
    ).not.toBeInTheDocument();
    await again.user.click(
      await screen.findByRole("button", { name: "Send my new result too" }),
    );
    await findThanks();

    const [resent] = again.network.sent("POST", "/api/leads").map(leadOf);
    const [stored] = again.network.sent("POST", "/api/assessments");
    expect(resent).toMatchObject({
      ...details,
      assessmentId: (stored!.body as Submission).id,
    });
    // A quick click on the offer must not look like a bot to the API.
    expect(resent!.elapsedMs as number).toBeGreaterThanOrEqual(minimumFormMs);
  });

  it("forgets the details this browser kept when asked", async () => {
    localStorage.setItem(
      rememberedLeadKey,
      JSON.stringify({
        details,
        sentFor: [],
        savedAt: new Date().toISOString(),
      }),
    );
    const { user } = await openResults(settings("results-first"));

    await user.click(
      await screen.findByRole("button", { name: "Forget my details" }),
    );

    expect(localStorage.getItem(rememberedLeadKey)).toBeNull();
    expect(
      screen.getByRole("form", { name: "Leave your details" }),
    ).toBeInTheDocument();
  });
});
