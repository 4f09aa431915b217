import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import type { Submission } from "../../src/core/submission.ts";
import { content } from "../../src/generated/content.ts";
import { savedAnswersKey } from "../../src/lib/saved-answers.ts";
import { submissionsKey } from "../../src/lib/submission/submission-records.ts";
import { answersByArea } from "../support/answers.ts";
import { stubResultsApi, type FakeResultsApi } from "./fake-results-api.ts";
import {
  findScreenHeading,
  renderApp,
  seedSavedAnswers,
} from "./render-app.tsx";

const answers = answersByArea(content, (area) => (area === "hybrid" ? 1 : 3));

function savedEnvelope() {
  return JSON.parse(localStorage.getItem(savedAnswersKey)!) as {
    assessmentId: string;
    context?: unknown;
  };
}

function savedRecords() {
  const raw = localStorage.getItem(submissionsKey);
  return raw === null ? {} : (JSON.parse(raw) as Record<string, unknown>);
}

function shareLinkFor(id: string) {
  return `${window.location.origin}/results/${id}`;
}

/** Opens the finished results, which submit themselves. */
async function openFinishedResults(path = "/results") {
  seedSavedAnswers(answers, { position: 14 });
  const view = await renderApp(path);
  await findScreenHeading("Your results");
  await screen.findByText("Overall score", {}, { timeout: 5000 });
  return view;
}

function findStatus(text: string | RegExp) {
  return screen.findByText(text, {}, { timeout: 5000 });
}

let api: FakeResultsApi;

describe("saving the result to the server", { timeout: 20_000 }, () => {
  beforeAll(async () => {
    await import("../../src/features/results/index.ts");
    await import("../../src/lib/submission/submission-queue.ts");
    await import("../../src/features/leads/index.ts");
  }, 30_000);

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("submits the answers in the background and then shows the share link", async () => {
    api = stubResultsApi();
    await openFinishedResults(
      "/results?utm_source=newsletter&utm_campaign=spring",
    );

    expect(screen.getByText("Overall score")).toBeInTheDocument();
    const { assessmentId } = savedEnvelope();
    const link = await screen.findByRole(
      "link",
      { name: shareLinkFor(assessmentId) },
      { timeout: 5000 },
    );

    expect(link.closest("[role=status]")).toHaveTextContent(
      `Saved. Share link: ${shareLinkFor(assessmentId)}`,
    );
    expect(
      screen.getByRole("button", { name: "Copy share link" }),
    ).toBeVisible();
    const [post, ...others] = api.sent("POST");
    expect(others).toEqual([]);
    expect(post!.body).toEqual({
      id: assessmentId,
      contentVersion: content.version,
      answers,
      context: { utm: { source: "newsletter", campaign: "spring" } },
    } satisfies Submission);
    expect(savedRecords()[assessmentId]).toMatchObject({
      state: "stored",
      deletionToken: `token-${assessmentId}`,
    });
  });

  it("copies the share link", async () => {
    api = stubResultsApi();
    const { user } = await openFinishedResults();
    const copy = await screen.findByRole(
      "button",
      { name: "Copy share link" },
      { timeout: 5000 },
    );

    await user.click(copy);

    expect(await screen.findByText("Link copied.")).toBeInTheDocument();
    // user-event puts a clipboard of its own in place of the browser's.
    expect(await navigator.clipboard.readText()).toBe(
      shareLinkFor(savedEnvelope().assessmentId),
    );
  });

  it("keeps trying after failures, with backoff, and stores the result once", async () => {
    vi.useFakeTimers({
      toFake: ["setTimeout", "clearTimeout"],
      shouldAdvanceTime: true,
    });
    api = stubResultsApi();
    api.failNext(
      { kind: "offline" },
      { kind: "status", status: 503, retryAfter: "5" },
      { kind: "status", status: 429, retryAfter: "2" },
    );
    await openFinishedResults();

    await findStatus("Not saved yet; we will keep trying.");
    expect(screen.getByText("Overall score")).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    await act(() => vi.advanceTimersByTimeAsync(10_000));

    const { assessmentId } = savedEnvelope();
    await findStatus(/^Saved\. Share link/);
    const link = screen.getByRole("link", { name: shareLinkFor(assessmentId) });
    expect(link).toHaveAttribute("href", `/results/${assessmentId}`);
    const posts = api.sent("POST");
    expect(posts).toHaveLength(4);
    expect(new Set(posts.map((p) => (p.body as Submission).id))).toEqual(
      new Set([assessmentId]),
    );
    expect([...api.stored.keys()]).toEqual([assessmentId]);
  });

  it("waits as long as Retry-After says before trying again", async () => {
    vi.useFakeTimers({
      toFake: ["setTimeout", "clearTimeout"],
      shouldAdvanceTime: true,
    });
    api = stubResultsApi();
    api.failNext({ kind: "status", status: 503, retryAfter: "30" });
    await openFinishedResults();
    await findStatus("Not saved yet; we will keep trying.");

    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(api.sent("POST")).toHaveLength(1);
    await act(() => vi.advanceTimersByTimeAsync(15_000));

    await findStatus(/^Saved\. Share link/);
    expect(api.sent("POST")).toHaveLength(2);
  });

  it("sends it at once on Try now", async () => {
    api = stubResultsApi();
    api.failNext({ kind: "status", status: 503, retryAfter: "120" });
    const { user } = await openFinishedResults();
    await findStatus("Not saved yet; we will keep trying.");

    await user.click(screen.getByRole("button", { name: "Try now" }));

    await findStatus(/^Saved\. Share link/);
    expect(api.sent("POST")).toHaveLength(2);
  });

  it("sends a submission left pending when the app starts again", async () => {
    api = stubResultsApi();
    api.goDown();
    const first = await openFinishedResults();
    await findStatus("Not saved yet; we will keep trying.");
    const { assessmentId } = savedEnvelope();
    expect(savedRecords()[assessmentId]).toMatchObject({ state: "pending" });
    first.unmount();

    api.recover();
    await renderApp("/");

    await waitFor(() => expect(api.stored.has(assessmentId)).toBe(true));
    await waitFor(() =>
      expect(savedRecords()[assessmentId]).toMatchObject({ state: "stored" }),
    );
    const ids = api.sent("POST").map((p) => (p.body as Submission).id);
    expect(new Set(ids)).toEqual(new Set([assessmentId]));
  });

  it("does not retry an answer that asking again cannot change", async () => {
    vi.useFakeTimers({
      toFake: ["setTimeout", "clearTimeout"],
      shouldAdvanceTime: true,
    });
    api = stubResultsApi();
    api.goDown({ kind: "status", status: 422 });
    await openFinishedResults();

    await findStatus(/^Not saved\. .*Your result stays in this browser\.$/);
    await act(() => vi.advanceTimersByTimeAsync(120_000));
    expect(api.sent("POST")).toHaveLength(1);
  });

  it("gives a retake a new assessment id", async () => {
    api = stubResultsApi();
    const { user } = await openFinishedResults();
    const first = savedEnvelope().assessmentId;
    await findStatus(/^Saved\. Share link/);

    await user.click(
      screen.getByRole("button", { name: "Retake the assessment" }),
    );
    await user.click(
      screen.getByRole("button", { name: "Yes, clear my answers" }),
    );

    await user.click(screen.getAllByRole("radio")[0]!);
    expect(savedEnvelope().assessmentId).not.toBe(first);
  });

  it("submits answers changed after saving as a new result, never a conflict", async () => {
    api = stubResultsApi();
    const first = await openFinishedResults();
    const firstId = savedEnvelope().assessmentId;
    await findStatus(/^Saved\. Share link/);
    first.unmount();

    const question = await renderApp("/assessment/3");
    const radios = await screen.findAllByRole("radio");
    const unchecked = radios.find(
      (radio) => !(radio as HTMLInputElement).checked,
    )!;
    await question.user.click(unchecked);
    question.unmount();
    await renderApp("/results");
    await findStatus(/^Saved\. Share link/);

    const secondId = savedEnvelope().assessmentId;
    expect(secondId).not.toBe(firstId);
    expect([...api.stored.keys()]).toEqual([firstId, secondId]);
    expect(api.sent("POST")).toHaveLength(2);
  });

  it("deletes the result with its token once the person confirms", async () => {
    api = stubResultsApi();
    const { user } = await openFinishedResults();
    const { assessmentId } = savedEnvelope();
    await findStatus(/^Saved\. Share link/);

    await user.click(screen.getByRole("button", { name: "Delete my result" }));
    await user.click(screen.getByRole("button", { name: "Keep it" }));
    expect(api.sent("DELETE")).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Delete my result" }));
    await user.click(screen.getByRole("button", { name: "Yes, delete it" }));

    await findStatus(/^Your result was deleted from our server/);
    const [deletion] = api.sent("DELETE");
    expect(deletion).toMatchObject({
      path: `/api/assessments/${assessmentId}`,
      authorization: `Bearer token-${assessmentId}`,
    });
    expect(api.stored.has(assessmentId)).toBe(false);
    expect(savedRecords()[assessmentId]).toEqual({ state: "deleted" });
    expect(
      screen.queryByRole("link", { name: shareLinkFor(assessmentId) }),
    ).toBeNull();
    expect(
      screen.queryByRole("button", { name: "Delete my result" }),
    ).toBeNull();
    expect(screen.getByText("Overall score")).toBeInTheDocument();
  });
});

describe("a shared result at /results/ID", { timeout: 20_000 }, () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** Stores a result the way another browser would have. */
  async function storeElsewhere(api: FakeResultsApi) {
    const id = crypto.randomUUID();
    const body = { id, contentVersion: content.version, answers };
    await fetch("/api/assessments", {
      method: "POST",
      body: JSON.stringify(body),
    });
    return api.stored.get(id)!.assessment;
  }

  it("shows the stored result with the same report, labelled as shared", async () => {
    const api = stubResultsApi();
    const stored = await storeElsewhere(api);

    await renderApp(`/results/${stored.id}`);

    await findScreenHeading("Shared result");
    expect(document.title).toBe(
      "Shared result - Integration Readiness Assessment",
    );
    expect(screen.getByText(/saved on 3 December 2026/)).toBeInTheDocument();
    expect(
      screen.getByText(`${stored.result.overall.score} out of 100`),
    ).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Scores by area" });
    expect(within(table).getAllByRole("row")).toHaveLength(
      stored.result.areas.length + 1,
    );
    for (const name of ["Strengths", "Gaps", "Recommendations"]) {
      expect(
        screen.getByRole("heading", { level: 2, name }),
      ).toBeInTheDocument();
    }
    expect(
      screen.queryByRole("button", { name: "Delete my result" }),
    ).toBeNull();
    expect(api.sent("POST")).toHaveLength(1);
  });

  it("says so when the result does not exist or was deleted", async () => {
    stubResultsApi();

    await renderApp(`/results/${crypto.randomUUID()}`);

    await findScreenHeading("This result does not exist or has been deleted");
    expect(
      screen.getByRole("link", { name: "Take the assessment" }),
    ).toHaveAttribute("href", "/");
  });

  it("offers to try again when the server cannot be reached", async () => {
    const api = stubResultsApi();
    const stored = await storeElsewhere(api);
    api.failNext({ kind: "offline" });
    const { user } = await renderApp(`/results/${stored.id}`);

    await findScreenHeading("The result could not be loaded");
    await user.click(screen.getByRole("button", { name: "Try again" }));

    await findScreenHeading("Shared result");
  });

  it("lets the browser that saved it delete it there", async () => {
    const api = stubResultsApi();
    const first = await openFinishedResults();
    const { assessmentId } = savedEnvelope();
    await findStatus(/^Saved\. Share link/);
    first.unmount();

    const { user } = await renderApp(`/results/${assessmentId}`);
    await findScreenHeading("Shared result");

    await user.click(screen.getByRole("button", { name: "Delete my result" }));
    await user.click(screen.getByRole("button", { name: "Yes, delete it" }));

    await findScreenHeading("This result does not exist or has been deleted");
    expect(api.stored.has(assessmentId)).toBe(false);
  });

  it("shows the not-found page for an id that is not a UUID", async () => {
    await renderApp("/results/12345");
    await findScreenHeading("Page not found");
  });
});
