import type { Content } from "../../src/core/content/schema.ts";
import type { LeadRecord, UtmKey } from "../store/lead-store.ts";
import { toCsv } from "./csv.ts";

const utmKeys: readonly UtmKey[] = [
  "source",
  "medium",
  "campaign",
  "term",
  "content",
];

/**
 * The leads export: one row per lead, with a score and a level column
 * per area of the current content, the attribution and the delivery
 * status. Every cell goes through `toCsv`, which neutralises formulas.
 *
 * @example
 * leadsToCsv(content, leads); // "\"lead_id\",…\r\n\"0b7f…\",…\r\n"
 */
export function leadsToCsv(
  content: Content,
  leads: readonly LeadRecord[],
): string {
  const areaIds = content.areas.map((area) => area.id);
  const header = [
    "lead_id",
    "assessment_id",
    "created_at",
    "name",
    "email",
    "company",
    "role",
    "company_size",
    "interest",
    "consented_at",
    "overall_score",
    "overall_level",
    ...areaIds.flatMap((id) => [`${id}_score`, `${id}_level`]),
    ...utmKeys.map((key) => `utm_${key}`),
    "referrer",
    "delivery_status",
    "delivery_attempts",
    "delivered_at",
  ];

  return toCsv(
    header,
    leads.map((lead) => toRow(lead, areaIds)),
  );
}

function toRow(lead: LeadRecord, areaIds: readonly string[]) {
  const areaScores = areaIds.flatMap((id) => {
    const area = lead.scores.areas.find((entry) => entry.id === id);
    return [area?.score, area?.level];
  });

  return [
    lead.id,
    lead.assessmentId,
    lead.createdAt,
    lead.name,
    lead.email,
    lead.company,
    lead.role,
    lead.companySize,
    lead.interest,
    lead.consentedAt,
    lead.scores.overall.score,
    lead.scores.overall.level,
    ...areaScores,
    ...utmKeys.map((key) => lead.context.utm?.[key]),
    lead.context.referrer,
    lead.delivery.status,
    lead.delivery.attempts,
    lead.delivery.deliveredAt,
  ];
}
