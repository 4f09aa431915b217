import { useMemo, useRef } from "react";
import { useForm, type UseFormRegisterReturn } from "react-hook-form";

import type { Option, Question } from "../../core/content/schema.ts";
import { earlyAnswerFields } from "../../lib/early-answers.ts";
import { useArrivalFocus } from "../../lib/use-arrival-focus.ts";
import { orderOptions, type QuestionValues } from "./question-options.ts";
import {
  createLazyResolver,
  preloadQuestionValidation,
} from "./question-resolver.ts";
import { useOptionShortcuts } from "./use-option-shortcuts.ts";

interface QuestionFormProps {
  question: Question;
  isLast: boolean;
  /** The answer saved when the question opened; only read on mount. */
  savedOption: string | undefined;
  /**
   * Where the form goes without scripts: the next screen, which keeps
   * the answer it is given in the query (see `early-answers.ts`).
   */
  action: string;
  /** Called the moment an option is chosen, by pointer or key. */
  onChoose: (optionId: string) => void;
  onBack: () => void;
  onNext: () => void;
}

/**
 * One question as a radio group. Mount it with `key={question.id}`, so
 * each question starts from its saved answer and takes focus.
 */
export function QuestionForm(props: QuestionFormProps) {
  const { question, isLast, onBack } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const { form, options, field, submit } = useQuestionForm(props);
  const ids = elementIds(question.id);

  useArrivalFocus(heading);

  const missing = form.formState.errors.option !== undefined;
  const describedBy = missing ? `${ids.help} ${ids.error}` : ids.help;

  return (
    <form
      noValidate
      method="get"
      action={props.action}
      onSubmit={(event) => void submit(event)}
    >
      <input
        type="hidden"
        name={earlyAnswerFields.question}
        value={question.id}
      />
      <fieldset
        role="radiogroup"
        aria-labelledby={ids.heading}
        aria-describedby={describedBy}
        className="question"
      >
        <legend>
          <h2 id={ids.heading} ref={heading} tabIndex={-1}>
            {question.prompt}
          </h2>
        </legend>
        <p id={ids.help} className="help">
          {question.help}
        </p>
        <OptionList options={options} field={field} inputId={ids.option} />
      </fieldset>

      {missing && (
        <p id={ids.error} className="field-error">
          Choose an answer to go on. If you do not know, choose “Not sure”.
        </p>
      )}

      <QuestionNav isLast={isLast} onBack={onBack} />
      <p className="key-hint">
        Tip: press 1 to {options.length} to choose, and Enter to go on.
      </p>
    </form>
  );
}

/**
 * The form state of one question: react-hook-form with the core's
 * schema, saving on every choice, and the number and Enter keys.
 */
function useQuestionForm(props: QuestionFormProps) {
  const { question, savedOption, onChoose, onNext } = props;
  const resolver = useMemo(() => createLazyResolver(question), [question]);
  const form = useForm<QuestionValues>({
    resolver,
    defaultValues: { option: savedOption },
  });
  const options = orderOptions(question);
  const submit = form.handleSubmit(onNext);

  // The validation chunk (zod) is fetched once an answer is chosen: by
  // then the question is on screen, and "Next" is still a moment away.
  function choose(optionId: string) {
    onChoose(optionId);
    preloadQuestionValidation();
  }

  function pick(index: number) {
    const option = options[index];
    if (!option) return;

    form.setValue("option", option.id);
    form.clearErrors("option");
    choose(option.id);
    document.getElementById(elementIds(question.id).option(option.id))?.focus();
  }

  useOptionShortcuts({
    optionCount: options.length,
    onPick: pick,
    onEnter: () => void submit(),
  });

  const field = form.register("option", {
    onChange: (event: { target: HTMLInputElement }) =>
      choose(event.target.value),
  });
  return { form, options, field, submit };
}

interface OptionListProps {
  options: Option[];
  field: UseFormRegisterReturn<"option">;
  inputId: (optionId: string) => string;
}

/** The radios, each labelled by its option; the number key is a hint. */
function OptionList({ options, field, inputId }: OptionListProps) {
  return (
    <div className="options">
      {options.map((option, index) => (
        <label key={option.id} className="option">
          <input
            type="radio"
            value={option.id}
            id={inputId(option.id)}
            {...field}
          />
          <span className="option-key" aria-hidden="true">
            {index + 1}
          </span>
          <span className="option-label">{option.label}</span>
        </label>
      ))}
    </div>
  );
}

function QuestionNav(props: { isLast: boolean; onBack: () => void }) {
  return (
    <div className="actions question-nav">
      <button type="button" className="button" onClick={props.onBack}>
        Back
      </button>
      <button type="submit" className="button primary">
        {props.isLast ? "See my results" : "Next"}
      </button>
    </div>
  );
}

function elementIds(questionId: string) {
  const base = `question-${questionId}`;
  return {
    heading: `${base}-prompt`,
    help: `${base}-help`,
    error: `${base}-error`,
    option: (optionId: string) => `${base}-option-${optionId}`,
  };
}
