/*
 * Kept apart from submission.ts, which builds zod schemas when it
 * loads: the browser's first load needs these numbers but not zod (see
 * docs/decisions/zod-after-the-first-question.md).
 */

/** The longest campaign value we keep, in UTF-16 code units. */
export const maxUtmLength = 200;
/** The longest referrer we keep, in UTF-16 code units. */
export const maxReferrerLength = 2000;
