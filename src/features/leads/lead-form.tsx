import { zodResolver } from "@hookform/resolvers/zod";
import { useRef, type RefObject } from "react";
import { useForm, type Resolver, type UseFormSetError } from "react-hook-form";

import {
  leadFormSchema,
  type LeadFormValues,
} from "../../core/leads/lead-schema.ts";
import type { FieldIssue } from "./lead-api.ts";
import {
  ConsentField,
  InterestField,
  SizeField,
  TextField,
  type LeadFormFields,
} from "./lead-fields.tsx";
import { PrivacyNote } from "./privacy-note.tsx";
import { SendingStatus } from "./sending-status.tsx";
import { useLeadSending, type SaveStatus } from "./use-lead-sending.ts";

export interface LeadFormProps {
  /** The stored result's id; a lead can only be sent once it exists. */
  assessmentId: string | undefined;
  saveStatus: SaveStatus;
  /** Earlier details, to start from instead of empty fields. */
  prefill?: LeadFormValues | undefined;
  onSent: (details: LeadFormValues) => void;
}

const emptyFields: LeadFormFields = {
  name: "",
  email: "",
  company: "",
  role: "",
  companySize: "",
  interest: "",
  consent: false,
};

const fieldNames = new Set(Object.keys(emptyFields));

// The resolver checks the loose typed values and hands the submit
// handler the schema's output, which is what the API accepts.
const resolver = zodResolver(leadFormSchema) as unknown as Resolver<
  LeadFormFields,
  unknown,
  LeadFormValues
>;

/**
 * The lead form: the same schema as the API checks each field, errors
 * sit under their fields, and the first invalid field takes focus.
 */
export function LeadForm(props: LeadFormProps) {
  const form = useForm<LeadFormFields, unknown, LeadFormValues>({
    resolver,
    defaultValues: props.prefill ?? emptyFields,
  });
  const { register, handleSubmit, setError, formState } = form;
  const { errors } = formState;
  const honeypot = useRef<HTMLInputElement>(null);

  const sending = useLeadSending({
    assessmentId: props.assessmentId,
    saveStatus: props.saveStatus,
    onSent: props.onSent,
    onInvalid: (issues) => showIssues(issues, setError),
    readHoneypot: () => honeypot.current?.value ?? "",
  });
  const busy = formState.isSubmitting || sending.busy;

  return (
    <form
      className="lead-form"
      aria-labelledby="lead-heading"
      noValidate
      onSubmit={(event) => void handleSubmit(sending.submit)(event)}
    >
      <TextField
        name="name"
        label="Name"
        autoComplete="name"
        error={errors.name}
        registration={register("name")}
      />
      <TextField
        name="email"
        label="Work email"
        type="email"
        autoComplete="email"
        error={errors.email}
        registration={register("email")}
      />
      <TextField
        name="company"
        label="Company"
        autoComplete="organization"
        error={errors.company}
        registration={register("company")}
      />
      <TextField
        name="role"
        label="Role"
        autoComplete="organization-title"
        error={errors.role}
        registration={register("role")}
      />
      <SizeField
        error={errors.companySize}
        registration={register("companySize")}
      />
      <InterestField
        error={errors.interest}
        registration={register("interest")}
      />
      <Honeypot inputRef={honeypot} />
      <ConsentField error={errors.consent} registration={register("consent")}>
        <PrivacyNote />
      </ConsentField>
      <SendingStatus sending={sending} />
      <button type="submit" className="button primary" disabled={busy}>
        Send my details
      </button>
    </form>
  );
}

/**
 * A field people never see and assistive tech never announces; bots
 * that fill in every field fill this one too.
 */
function Honeypot({
  inputRef,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  return (
    <div className="lead-website" aria-hidden="true">
      <label htmlFor="lead-website">Website</label>
      <input
        ref={inputRef}
        id="lead-website"
        name="website"
        type="text"
        tabIndex={-1}
        autoComplete="off"
        defaultValue=""
      />
    </div>
  );
}

/**
 * Puts the server's objections next to the fields they are about and
 * focuses the first. False when none of them names a field.
 */
function showIssues(
  issues: FieldIssue[],
  setError: UseFormSetError<LeadFormFields>,
) {
  const known = issues.filter((issue) => fieldNames.has(issue.field));
  known.forEach((issue, index) => {
    setError(
      issue.field as keyof LeadFormFields,
      { type: "server", message: issue.message },
      { shouldFocus: index === 0 },
    );
  });
  return known.length > 0;
}
