import type { QuizContent } from "../core/content/schema.ts";
import type { Answers } from "../core/scoring/answers.ts";
import type { SubmissionContext } from "../core/submission.ts";
import { isRecord, parseJson } from "./json.ts";
import { readSavedContext } from "./submission/attribution.ts";
import { isUuid } from "./uuid.ts";

/** The localStorage key; the suffix changes if the envelope ever does. */
export const savedAnswersKey = "ira:assessment:v1";

/** What a person has answered so far, valid for the current content. */
export interface SavedAnswers {
  answers: Answers;
  /** The 0-based index of the question they last had on screen. */
  position: number;
  /**
   * The id these answers are submitted under. It stays the same for
   * every retry, and changes when an answer given earlier changes.
   */
  assessmentId?: string;
  /** Where the visit that started them came from (campaign, referrer). */
  context?: SubmissionContext;
}

/** How an answer set saved under older content was carried over. */
export interface ContentChange {
  kept: number;
  saved: number;
  /** Answers to questions the content no longer has. */
  removedQuestions: number;
  /** Answers whose option the question no longer offers. */
  changedOptions: number;
}

export interface RestoredAnswers extends SavedAnswers {
  /** Set when the answers were saved under another content version. */
  change?: ContentChange;
}

export const noAnswers: SavedAnswers = { answers: {}, position: 0 };

/** Says whether answers are valid for the content; see answer-check.ts. */
export type AnswerCheck = (answers: Answers) => boolean;

interface Envelope {
  contentVersion: string;
  answers: Record<string, unknown>;
  position: number;
  assessmentId?: string;
  context?: SubmissionContext;
}

/**
 * Reads answers saved by an earlier visit. Answers to questions or
 * options the content no longer has are dropped; when the content
 * version differs, the result says how many were kept. Anything that
 * cannot be read gives a clean start rather than an error.
 *
 * @example
 * const restored = restoreAnswers(raw, content, check);
 * if (restored.change) showNotice(describeContentChange(restored.change));
 */
export function restoreAnswers(
  raw: string,
  content: QuizContent,
  check: AnswerCheck,
): RestoredAnswers {
  const envelope = readEnvelope(raw);
  if (!envelope) return noAnswers;

  const { answers, change } = keepKnownAnswers(envelope.answers, content);
  if (!check(answers)) return noAnswers;

  const last = content.questions.length - 1;
  const position = Math.min(envelope.position, last);
  const { assessmentId, context } = envelope;
  const versionChanged = envelope.contentVersion !== content.version;

  // Answers carried over to new content are a new assessment: the
  // server would refuse them under the id of the old one.
  return versionChanged && change.saved > 0
    ? { answers, position, context, change }
    : { answers, position, context, assessmentId };
}

function readEnvelope(raw: string): Envelope | undefined {
  const parsed = parseJson(raw);
  if (!isRecord(parsed) || !isRecord(parsed.answers)) return undefined;
  if (typeof parsed.contentVersion !== "string") return undefined;

  const { position } = parsed;
  const valid =
    typeof position === "number" && Number.isInteger(position) && position >= 0;
  return {
    contentVersion: parsed.contentVersion,
    answers: parsed.answers,
    position: valid ? position : 0,
    assessmentId: isUuid(parsed.assessmentId) ? parsed.assessmentId : undefined,
    context: readSavedContext(parsed.context),
  };
}

function keepKnownAnswers(
  saved: Record<string, unknown>,
  content: QuizContent,
) {
  const answers: Answers = {};
  const change: ContentChange = {
    kept: 0,
    saved: 0,
    removedQuestions: 0,
    changedOptions: 0,
  };

  for (const [questionId, optionId] of Object.entries(saved)) {
    if (typeof optionId !== "string") continue;
    change.saved += 1;

    const question = content.questions.find((q) => q.id === questionId);
    if (!question) {
      change.removedQuestions += 1;
    } else if (!question.options.some((option) => option.id === optionId)) {
      change.changedOptions += 1;
    } else {
      answers[questionId] = optionId;
      change.kept += 1;
    }
  }

  return { answers, change };
}

/** The text stored for these answers under this content. */
export function serializeAnswers(saved: SavedAnswers, content: QuizContent) {
  return JSON.stringify({
    contentVersion: content.version,
    answers: saved.answers,
    position: saved.position,
    assessmentId: saved.assessmentId,
    context: saved.context,
    savedAt: new Date().toISOString(),
  });
}

/**
 * Plain words for a content change, for a polite status message.
 *
 * @example
 * describeContentChange({ kept: 2, saved: 3, removedQuestions: 1,
 *   changedOptions: 0 });
 * // "The assessment was updated since your last visit. We kept 2 of
 * //  your 3 answers. 1 question you answered was removed."
 */
export function describeContentChange(change: ContentChange): string {
  const intro = "The assessment was updated since your last visit.";
  if (change.kept === change.saved) {
    const still =
      change.saved === 1
        ? "Your answer still applies."
        : `All ${change.saved} of your answers still apply.`;
    return `${intro} ${still}`;
  }

  const parts = [
    `${intro} We kept ${change.kept} of your ${count(change.saved, "answer")}.`,
  ];
  if (change.removedQuestions > 0) {
    const those = count(change.removedQuestions, "question");
    parts.push(
      `${those} you answered ${wasOrWere(change.removedQuestions)} removed.`,
    );
  }
  if (change.changedOptions > 0) {
    const those = count(change.changedOptions, "question");
    parts.push(
      `${those} now ${change.changedOptions === 1 ? "has" : "have"} different choices; please answer again.`,
    );
  }
  return parts.join(" ");
}

function count(n: number, noun: string) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function wasOrWere(n: number) {
  return n === 1 ? "was" : "were";
}

/** How many questions of the content have an answer. */
export function countAnswered(answers: Answers, content: QuizContent) {
  return content.questions.filter((q) => answers[q.id] !== undefined).length;
}

/** The index of the first question without an answer, or -1. */
export function firstUnanswered(answers: Answers, content: QuizContent) {
  return content.questions.findIndex((q) => answers[q.id] === undefined);
}
