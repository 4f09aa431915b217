import { z } from "zod";

/**
 * Schemas for the files in `content/`, and the types of the compiled
 * content that the browser and the API both read.
 *
 * @example
 * const parsed = questionFileSchema.safeParse(yaml.parse(text));
 */

const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a kebab-case id");

/** A link to a pattern section, written as `page#anchor`. */
export const patternRefSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*#[a-z0-9]+(-[a-z0-9]+)*$/,
    'must look like "page-id#section-anchor"',
  );

const text = (max: number) => z.string().trim().min(1).max(max);

export const priorities = ["high", "medium", "low"] as const;
export type Priority = (typeof priorities)[number];

export const areaSchema = z.strictObject({
  id: kebabId,
  name: text(60),
  summary: text(240),
  page: kebabId,
});

export const levelSchema = z.strictObject({
  id: kebabId,
  name: text(40),
  meaning: text(240),
  min: z.int().min(0).max(100),
  max: z.int().min(0).max(100),
});

export const assessmentFileSchema = z.strictObject({
  title: text(120),
  scale: z.strictObject({
    min: z.literal(0),
    max: z.int().min(1).max(10),
  }),
  areas: z.array(areaSchema).min(1),
  levels: z.array(levelSchema).min(2),
});

const scoredOptionSchema = z.strictObject({
  id: kebabId,
  label: text(160),
  score: z.int(),
});

const notSureOptionSchema = z.strictObject({
  id: kebabId,
  label: text(160),
  notSure: z.literal(true),
});

export const optionSchema = z.union([scoredOptionSchema, notSureOptionSchema]);

export const questionSchema = z.strictObject({
  id: kebabId,
  weight: z.int().min(1).max(3).default(1),
  prompt: text(120),
  help: text(200),
  pattern: patternRefSchema,
  options: z.array(optionSchema).min(3).max(7),
});

export const questionFileSchema = z.strictObject({
  area: kebabId,
  questions: z.array(questionSchema).min(1),
});

const questionCondition = z.union([
  z.strictObject({ question: kebabId, atMost: z.int() }),
  z.strictObject({ question: kebabId, atLeast: z.int() }),
]);

const areaCondition = z.union([
  z.strictObject({ area: kebabId, below: z.int().min(1).max(101) }),
  z.strictObject({ area: kebabId, atLeast: z.int().min(0).max(100) }),
]);

export const conditionSchema = z.union([questionCondition, areaCondition]);

export const recommendationSchema = z.strictObject({
  id: kebabId,
  priority: z.enum(priorities),
  impact: z.enum(priorities),
  title: text(100),
  summary: text(600),
  pattern: patternRefSchema,
  when: z.union([
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
  ]),
});

export const recommendationsFileSchema = z.strictObject({
  recommendations: z.array(recommendationSchema).min(1),
});

export const patternFrontmatterSchema = z.strictObject({
  title: text(120),
  area: kebabId,
});

export type Area = z.infer<typeof areaSchema>;
export type Level = z.infer<typeof levelSchema>;
export type Option = z.infer<typeof optionSchema>;
export type Condition = z.infer<typeof conditionSchema>;
export type Recommendation = z.infer<typeof recommendationSchema>;

/** A question as compiled: it knows its area. */
export type Question = z.infer<typeof questionSchema> & { area: string };

/** Everything scoring needs, validated, with the version it was made from. */
export interface Content {
  version: string;
  title: string;
  scale: { min: number; max: number };
  areas: Area[];
  levels: Level[];
  questions: Question[];
  recommendations: Recommendation[];
}

/**
 * The part of the content that taking the assessment needs: no levels
 * and no recommendations, which only the results use.
 */
export type QuizContent = Pick<
  Content,
  "version" | "title" | "scale" | "areas" | "questions"
>;

export interface PatternSection {
  anchor: string;
  title: string;
  html: string;
}

/** One pattern page, rendered to HTML at build time. */
export interface PatternPage {
  id: string;
  title: string;
  area: string;
  introHtml: string;
  sections: PatternSection[];
}

/** True for the option that means "not sure". */
export function isNotSure(
  option: Option,
): option is z.infer<typeof notSureOptionSchema> {
  return "notSure" in option;
}

/** The score an option is worth; "not sure" counts as the lowest. */
export function optionScore(option: Option, scale: Content["scale"]): number {
  return isNotSure(option) ? scale.min : option.score;
}

/** The conditions of a recommendation, whether joined by any or all. */
export function conditionsOf(when: Recommendation["when"]): Condition[] {
  return "any" in when ? when.any : when.all;
}
