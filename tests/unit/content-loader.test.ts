import { describe, expect, it } from "vitest";

import { ContentError } from "../../src/core/content/content-error.ts";
import { isNotSure } from "../../src/core/content/schema.ts";
import {
  loadEditedContent,
  loadRealContent,
} from "../support/content-fixture.ts";

function problemsOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ContentError) return error.message;
    throw error;
  }
  throw new Error("expected the content to be rejected");
}

describe("the content in the repository", () => {
  const { content, pages } = loadRealContent();

  it("has three areas with five questions each", () => {
    expect(content.areas.map((area) => area.id)).toEqual([
      "event-driven",
      "api-led",
      "hybrid",
    ]);
    for (const area of content.areas) {
      const questions = content.questions.filter((q) => q.area === area.id);
      expect(questions).toHaveLength(5);
    }
  });

  it("gives every question four or five states and one not-sure option", () => {
    for (const question of content.questions) {
      const states = question.options.filter((option) => !isNotSure(option));
      expect(states.length).toBeGreaterThanOrEqual(4);
      expect(states.length).toBeLessThanOrEqual(5);
      expect(question.options.filter(isNotSure)).toHaveLength(1);
    }
  });

  it("has five maturity levels covering 0 to 100", () => {
    expect(content.levels).toHaveLength(5);
    expect(content.levels[0]?.min).toBe(0);
    expect(content.levels.at(-1)?.max).toBe(100);
  });

  it("renders one pattern page per area with a section per practice", () => {
    expect(pages.map((page) => page.id).sort()).toEqual(
      content.areas.map((area) => area.page).sort(),
    );
    for (const page of pages) {
      expect(page.sections.length).toBeGreaterThanOrEqual(4);
      expect(page.sections[0]?.html).toContain("<h3>What it is</h3>");
    }
  });

  it("has a twelve-character version hash", () => {
    expect(content.version).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe("invalid content", () => {
  it("names a recommendation link to an anchor that does not exist", () => {
    const message = problemsOf(() =>
      loadEditedContent("recommendations.yaml", (source) =>
        source.replace(
          /pattern: ([a-z-]+)#[a-z-]+/,
          "pattern: $1#no-such-section",
        ),
      ),
    );
    expect(message).toMatch(
      /recommendations\.yaml: recommendations\[0\]\.pattern: links to "[a-z-]+#no-such-section", but content\/patterns\/[a-z-]+\.md has no section with the anchor "no-such-section"/,
    );
  });

  it("names a link to a page that does not exist", () => {
    const message = problemsOf(() =>
      loadEditedContent("questions/hybrid.yaml", (source) =>
        source.replace(/pattern: [a-z-]+#/, "pattern: nowhere#"),
      ),
    );
    expect(message).toContain('questions[0].pattern: links to "nowhere#');
    expect(message).toContain("there is no pattern page");
  });

  it.each([
    [
      "recommendations.yaml",
      "introduce-event-bus",
      "route-on-event-content",
      "recommendation",
    ],
    ["assessment.yaml", "ad-hoc", "emerging", "level"],
    ["questions/event-driven.yaml", "none", "few", "option"],
  ])("names a %s id used twice", (file, first, second, what) => {
    const message = problemsOf(() =>
      loadEditedContent(file, (source) =>
        source.replace(`- id: ${second}\n`, `- id: ${first}\n`),
      ),
    );

    expect(message).toContain(`${what} id "${first}" is used twice`);
  });

  it("names an anchor used twice on a pattern page", () => {
    const message = problemsOf(() =>
      loadEditedContent("patterns/hybrid.md", (source) => {
        const anchors = [...source.matchAll(/\{#([a-z-]+)\}$/gm)];
        const [first, second] = anchors.map((match) => match[1]!);
        return source.replace(`{#${second}}`, `{#${first}}`);
      }),
    );

    expect(message).toMatch(
      /hybrid\.md: line \d+: anchor "[a-z-]+" is used twice/,
    );
  });

  it("names a pattern page with fewer than 600 words", () => {
    const message = problemsOf(() =>
      loadEditedContent("patterns/api-led.md", (source) => {
        const second = source.indexOf("\n## ", source.indexOf("\n## ") + 1);
        return source.slice(0, second);
      }),
    );

    expect(message).toMatch(/api-led\.md: has \d+ words; a page needs 600/);
  });

  it("names a question id used twice", () => {
    const message = problemsOf(() =>
      loadEditedContent("questions/api-led.yaml", (source) => {
        const ids = [...source.matchAll(/^ {2}- id: (\S+)$/gm)];
        return source.replace(`- id: ${ids[1]![1]}`, `- id: ${ids[0]![1]}`);
      }),
    );
    expect(message).toMatch(
      /questions\[1\]\.id: question id "[a-z-]+" is used twice/,
    );
  });

  it("names a question file whose area is unknown", () => {
    const message = problemsOf(() =>
      loadEditedContent("questions/hybrid.yaml", (source) =>
        source.replace(/^area: hybrid$/m, "area: quantum"),
      ),
    );
    expect(message).toContain(
      'hybrid.yaml: area: names the unknown area "quantum"',
    );
    expect(message).toContain('area "hybrid" has no questions');
  });

  it("names a score outside the scale", () => {
    const message = problemsOf(() =>
      loadEditedContent("questions/event-driven.yaml", (source) =>
        source.replace(/score: 4/, "score: 9"),
      ),
    );
    expect(message).toMatch(
      /options\[\d\]\.score: is 9, outside the scale 0 to 4/,
    );
  });

  it("names a question that no recommendation can be triggered by", () => {
    const { content } = loadRealContent();
    const id = content.questions[0]!.id;
    const message = problemsOf(() =>
      loadEditedContent("recommendations.yaml", (source) =>
        source.replaceAll(
          new RegExp(`question: ${id}$`, "gm"),
          "question: ed-x",
        ),
      ),
    );
    expect(message).toContain(
      `no recommendation can be reached through question "${id}"`,
    );
    expect(message).toContain('names the unknown question "ed-x"');
  });

  it("names a question whose only rules no answer can meet", () => {
    const id = "ed-event-bus";
    const message = problemsOf(() =>
      loadEditedContent("recommendations.yaml", (source) =>
        source
          .replace(
            `question: ${id}\n          atMost: 1`,
            `question: ${id}\n          atMost: -1`,
          )
          .replace(
            `question: ${id}\n          atLeast: 2`,
            `question: ${id}\n          atLeast: 4`,
          ),
      ),
    );

    expect(message).toContain(
      `no recommendation can be reached through question "${id}"`,
    );
  });

  it("names a gap between maturity level bands", () => {
    const message = problemsOf(() =>
      loadEditedContent("assessment.yaml", (source) =>
        source.replace(/min: 20$/m, "min: 25"),
      ),
    );
    expect(message).toContain("levels[1].min: is 25");
  });

  it("names the line of broken YAML", () => {
    const message = problemsOf(() =>
      loadEditedContent("recommendations.yaml", (source) =>
        source.replace("recommendations:", "recommendations: [oops"),
      ),
    );
    expect(message).toMatch(
      /recommendations\.yaml: line \d+: is not valid YAML/,
    );
  });

  it("names a pattern section without its five parts", () => {
    const message = problemsOf(() =>
      loadEditedContent("patterns/api-led.md", (source) =>
        source.replace("### Pitfalls", "### Traps"),
      ),
    );
    expect(message).toMatch(
      /api-led\.md: line \d+: section "[a-z-]+" must have the ### parts/,
    );
  });

  it("names a section heading without an anchor, at its line in the file", () => {
    let headingLine = 0;
    const message = problemsOf(() =>
      loadEditedContent("patterns/hybrid.md", (source) => {
        const lines = source.split("\n");
        headingLine = lines.findIndex((line) => line.startsWith("## ")) + 1;
        return source.replace(/^(## .*?) \{#[a-z-]+\}$/m, "$1");
      }),
    );
    expect(message).toMatch(
      new RegExp(
        `hybrid\\.md: line ${headingLine}: heading ".+" needs a kebab-case`,
      ),
    );
    expect(headingLine).toBeGreaterThan(5);
  });

  it("names a field the schema does not know", () => {
    const message = problemsOf(() =>
      loadEditedContent("assessment.yaml", (source) =>
        source.replace(/^title: /m, "colour: blue\ntitle: "),
      ),
    );
    expect(message).toContain("assessment.yaml");
    expect(message).toContain("colour");
  });
});

describe("the content version", () => {
  const { content } = loadRealContent();

  it("changes when a recommendation's priority changes", () => {
    const edited = loadEditedContent("recommendations.yaml", (source) =>
      source.replace(/priority: (\w+)/, (_, priority: string) =>
        priority === "low" ? "priority: high" : "priority: low",
      ),
    );
    expect(edited.content.version).not.toBe(content.version);
  });

  it("changes when a question's weight changes", () => {
    const edited = loadEditedContent("questions/hybrid.yaml", (source) =>
      source
        .replace(/^( {4})prompt:/m, "$1weight: 3\n$1prompt:")
        .replace(/^ {4}weight: \d\n( {4}weight: 3)/m, "$1"),
    );
    expect(edited.content.version).not.toBe(content.version);
  });

  it("stays the same when only a prompt's wording changes", () => {
    const edited = loadEditedContent("questions/api-led.yaml", (source) =>
      source.replace(/prompt: (.+)$/m, "prompt: $1 (reworded)"),
    );
    expect(edited.content.version).toBe(content.version);
  });
});
