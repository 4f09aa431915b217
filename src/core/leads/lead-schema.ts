import { z } from "zod";

/** What the person asks for when they leave their details. */
export const leadInterests = ["full-report", "talk-to-architect"] as const;

/** Company size bands, by number of employees. */
export const companySizes = [
  "1-49",
  "50-249",
  "250-999",
  "1000-4999",
  "5000+",
] as const;

/**
 * A person's own words: trimmed, bounded, and free of control characters,
 * which have no place in a name and only cause trouble in exports.
 */
const personText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} is at most ${max} characters`)
    .refine((value) => !/\p{Cc}/u.test(value), {
      message: `${label} has characters that are not allowed`,
    });

/**
 * The lead form's fields, shared by the form (as its resolver) and the
 * API (as its validator). `website` is a honeypot that people never see;
 * `elapsedMs` is how long the form was open before it was sent.
 *
 * @example
 * leadSchema.parse({ id, assessmentId, name: "Ada", email: "ada@x.io", ... })
 */
export const leadSchema = z.strictObject({
  id: z.uuid(),
  assessmentId: z.uuid(),
  name: personText("Name", 120),
  email: z
    .string()
    .trim()
    .max(254, "Email is at most 254 characters")
    .pipe(z.email("Enter a valid work email")),
  company: personText("Company", 160),
  role: personText("Role", 120),
  companySize: z.enum(companySizes, "Choose a company size"),
  interest: z.enum(leadInterests, "Choose what you would like"),
  consent: z.literal(true, "Consent is needed before we can contact you"),
  // Any length the body limit allows: a bot that fills the honeypot
  // with a long text must get the same 202 as any other, not a 400.
  website: z.string().optional(),
  elapsedMs: z.int().min(0).max(86_400_000),
});

export type LeadInput = z.infer<typeof leadSchema>;

/**
 * People need longer than this to fill in the form; bots do not. The
 * API drops a lead sent sooner (`elapsedMs`) as a bot's.
 */
export const minimumFormMs = 3000;

/** The fields a person fills in, without the ids and the bot checks. */
export const leadFormSchema = leadSchema.omit({
  id: true,
  assessmentId: true,
  website: true,
  elapsedMs: true,
});

export type LeadFormValues = z.infer<typeof leadFormSchema>;
