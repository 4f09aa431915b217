import type { ReactNode } from "react";
import type { FieldError, UseFormRegisterReturn } from "react-hook-form";

import {
  companySizes,
  leadInterests,
  type LeadFormValues,
} from "../../core/leads/lead-schema.ts";

/** The form's values as typed, before the schema has checked them. */
export interface LeadFormFields {
  name: string;
  email: string;
  company: string;
  role: string;
  companySize: LeadFormValues["companySize"] | "";
  interest: LeadFormValues["interest"] | "";
  consent: boolean;
}

export const sizeLabels: Record<(typeof companySizes)[number], string> = {
  "1-49": "1 to 49 employees",
  "50-249": "50 to 249 employees",
  "250-999": "250 to 999 employees",
  "1000-4999": "1,000 to 4,999 employees",
  "5000+": "5,000 employees or more",
};

export const interestLabels: Record<(typeof leadInterests)[number], string> = {
  "full-report": "Email me the full report",
  "talk-to-architect": "Talk to an architect",
};

/** The id of a field's error text, which the field is described by. */
function errorId(name: keyof LeadFormFields) {
  return `lead-${name}-error`;
}

/** The attributes that tie a field to its error, when it has one. */
function errorLink(name: keyof LeadFormFields, error?: FieldError) {
  return error
    ? { "aria-invalid": true, "aria-describedby": errorId(name) }
    : { "aria-invalid": false };
}

function FieldErrorText({
  name,
  error,
}: {
  name: keyof LeadFormFields;
  error?: FieldError;
}) {
  if (!error?.message) return null;
  return (
    <p id={errorId(name)} className="field-error">
      {error.message}
    </p>
  );
}

interface TextFieldProps {
  name: "name" | "email" | "company" | "role";
  label: string;
  type?: "text" | "email";
  autoComplete: string;
  error?: FieldError;
  registration: UseFormRegisterReturn;
}

/** A labelled text input with its error below it. */
export function TextField(props: TextFieldProps) {
  const { name, label, type = "text", autoComplete, error } = props;
  const id = `lead-${name}`;

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        autoComplete={autoComplete}
        spellCheck={type === "email" ? false : undefined}
        {...errorLink(name, error)}
        {...props.registration}
      />
      <FieldErrorText name={name} error={error} />
    </div>
  );
}

export function SizeField({
  error,
  registration,
}: {
  error?: FieldError;
  registration: UseFormRegisterReturn;
}) {
  return (
    <div className="field">
      <label htmlFor="lead-companySize">Company size</label>
      <select
        id="lead-companySize"
        {...errorLink("companySize", error)}
        {...registration}
      >
        <option value="">Choose a size</option>
        {companySizes.map((size) => (
          <option key={size} value={size}>
            {sizeLabels[size]}
          </option>
        ))}
      </select>
      <FieldErrorText name="companySize" error={error} />
    </div>
  );
}

export function InterestField({
  error,
  registration,
}: {
  error?: FieldError;
  registration: UseFormRegisterReturn;
}) {
  return (
    <fieldset
      className="field choice"
      aria-describedby={error ? errorId("interest") : undefined}
    >
      <legend>What would you like?</legend>
      {leadInterests.map((interest) => (
        <label key={interest} className="inline-choice">
          <input
            type="radio"
            value={interest}
            aria-invalid={Boolean(error)}
            {...registration}
          />
          {interestLabels[interest]}
        </label>
      ))}
      <FieldErrorText name="interest" error={error} />
    </fieldset>
  );
}

export function ConsentField({
  error,
  registration,
  children,
}: {
  error?: FieldError;
  registration: UseFormRegisterReturn;
  children: ReactNode;
}) {
  const describedBy = ["lead-privacy", error ? errorId("consent") : ""];

  return (
    <div className="field consent">
      {children}
      <label className="inline-choice">
        <input
          type="checkbox"
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy.join(" ").trim()}
          {...registration}
        />
        I agree that you store these details and contact me about this result
      </label>
      <FieldErrorText name="consent" error={error} />
    </div>
  );
}
