import { screen, within } from "@testing-library/react";
import { beforeAll, describe, expect, it, vi } from "vitest";

import type { PatternPage } from "../../src/core/content/schema.ts";
import { scoreAssessment } from "../../src/core/scoring/score-assessment.ts";
import { content } from "../../src/generated/content.ts";
import { patternLoaders } from "../../src/generated/patterns/index.ts";
import { answersByArea, notSureOption } from "../support/answers.ts";
import {
  findScreenHeading,
  firstOptions,
  questionAt,
  readSavedAnswers,
  renderApp,
  seedSavedAnswers,
} from "./render-app.tsx";

/** A team strong on APIs, middling on hybrid, weak on events, unsure of one thing. */
function realisticAnswers() {
  const scoreByArea: Record<string, number> = {
    "event-driven": 1,
    "api-led": 4,
    hybrid: 2,
  };
  const answers = answersByArea(content, (area) => scoreByArea[area] ?? 2);
  const unsure = questionAt(8);
  return { ...answers, [unsure.id]: notSureOption(unsure) };
}

async function openResults() {
  const answers = realisticAnswers();
  seedSavedAnswers(answers, { position: 14 });
  const view = await renderApp("/results");
  await findScreenHeading("Your results");
  // The lead settings are read before the result shows (it may wait
  // behind the lead form); without an API they fall back to showing it.
  await screen.findByText("Overall score");
  return { ...view, result: scoreAssessment(content, answers) };
}

async function sectionTitles() {
  const pages = await Promise.all(
    Object.values(patternLoaders).map(async (load) => (await load()).page),
  );
  return new Map(
    pages.flatMap((page: PatternPage) =>
      page.sections.map((s) => [`${page.id}#${s.anchor}`, s.title]),
    ),
  );
}

describe("the results screen", () => {
  // The first import of the results and chart chunks transforms all of
  // recharts, which takes seconds; do it once, outside any one test.
  beforeAll(async () => {
    await import("../../src/features/results/index.ts");
    await import("../../src/features/results/area-charts.tsx");
  }, 30_000);

  it("shows the overall score and level, and each area's in a table", async () => {
    const { result } = await openResults();

    expect(screen.getByText("Overall score")).toBeInTheDocument();
    expect(
      screen.getByText(`${result.overall.score} out of 100`),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(result.overall.level.name).length,
    ).toBeGreaterThan(0);

    const table = screen.getByRole("table", { name: "Scores by area" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(content.areas.length);
    result.areas.forEach((area, index) => {
      const row = within(rows[index]!);
      expect(row.getByRole("rowheader")).toHaveTextContent(area.name);
      expect(row.getAllByRole("cell").map((cell) => cell.textContent)).toEqual([
        String(area.score),
        area.level.name,
      ]);
    });
    expect(result.areas.map((a) => a.score)).not.toEqual([
      result.areas[0]!.score,
      result.areas[0]!.score,
      result.areas[0]!.score,
    ]);
  });

  it("has the sections, and both charts as named figures", async () => {
    await openResults();

    for (const name of [
      "Scores by area",
      "Strengths",
      "Gaps",
      "Not sure",
      "Recommendations",
    ]) {
      expect(
        screen.getByRole("heading", { level: 2, name }),
      ).toBeInTheDocument();
    }
    expect(
      screen.getByRole("figure", { name: "Radar chart of area scores" }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole("figure", { name: "Bar chart of area scores" }),
    ).toBeInTheDocument();
  });

  it("lists the not-sure answer under Not sure", async () => {
    await openResults();

    const heading = screen.getByRole("heading", { level: 2, name: "Not sure" });
    const section = heading.closest("section")!;
    expect(within(section).getByText(questionAt(8).prompt)).toBeInTheDocument();
  });

  it("ranks the recommendations, each linking to its pattern section", async () => {
    const { result } = await openResults();
    const titles = await sectionTitles();

    const list = screen
      .getByRole("heading", { level: 2, name: "Recommendations" })
      .closest("section")!;
    const items = within(list)
      .getAllByRole("listitem")
      .filter((item) => item.classList.contains("recommendation"));
    expect(items.length).toBeGreaterThan(0);
    expect(items).toHaveLength(result.recommendations.length);

    result.recommendations.forEach((recommendation, index) => {
      const item = items[index]!;
      const [page, anchor] = recommendation.pattern.split("#");
      expect(within(item).getByRole("heading", { level: 3 })).toHaveTextContent(
        recommendation.title,
      );
      const link = within(item).getByRole("link", {
        name: `Read: ${titles.get(recommendation.pattern)}`,
      });
      expect(link).toHaveAttribute("href", `/patterns/${page}#${anchor}`);
    });
  });

  it("says in plain words which answer triggered a recommendation", async () => {
    const { result } = await openResults();
    const withAnswer = result.recommendations.find((r) =>
      r.reasons.some((reason) => reason.kind === "answer" && !reason.notSure),
    )!;
    const reason = withAnswer.reasons.find((r) => r.kind === "answer")!;

    const item = screen
      .getByRole("heading", { level: 3, name: withAnswer.title })
      .closest("li")!;
    expect(item).toHaveTextContent(
      `You answered “${reason.optionLabel}” to “${reason.prompt}”`,
    );
  });

  it("clears the answers and starts again after Retake is confirmed", async () => {
    const { user } = await openResults();

    await user.click(
      screen.getByRole("button", { name: "Retake the assessment" }),
    );
    await user.click(screen.getByRole("button", { name: "Keep my answers" }));
    expect(Object.keys(readSavedAnswers())).toHaveLength(15);

    await user.click(
      screen.getByRole("button", { name: "Retake the assessment" }),
    );
    await user.click(
      screen.getByRole("button", { name: "Yes, clear my answers" }),
    );

    expect(window.location.pathname).toBe("/assessment/1");
    expect(readSavedAnswers()).toEqual({});
    expect(
      screen.getByRole("heading", { name: questionAt(1).prompt }),
    ).toHaveFocus();
  });

  it("opens the browser's print dialog from Print or save as PDF", async () => {
    const print = vi.spyOn(window, "print").mockImplementation(() => undefined);
    const { user } = await openResults();

    await user.click(
      screen.getByRole("button", { name: "Print or save as PDF" }),
    );

    expect(print).toHaveBeenCalledOnce();
  });

  it("guides a person with unanswered questions back to the first of them", async () => {
    seedSavedAnswers(firstOptions(5), { position: 5 });
    const { user } = await renderApp("/results");

    const link = await screen.findByRole(
      "link",
      { name: "Go to question 6" },
      { timeout: 5000 },
    );
    expect(screen.queryByRole("heading", { name: "Your results" })).toBeNull();
    await user.click(link);

    expect(
      screen.getByRole("heading", { name: questionAt(6).prompt }),
    ).toHaveFocus();
  });
});
