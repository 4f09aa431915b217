/**
 * The framework-free domain core: content types, answer validation,
 * scoring and recommendations. The SPA and the API both import it.
 */
export * from "./content/schema.ts";
export * from "./scoring/answers.ts";
export * from "./scoring/score-assessment.ts";
export * from "./scoring/rank-recommendations.ts";
export * from "./submission.ts";
