import {
  createContext,
  use,
  useEffect,
  useSyncExternalStore,
  type ReactNode,
} from "react";

import type { QuizContent } from "../core/content/schema.ts";
import type { SubmissionContext } from "../core/submission.ts";
import { quizContent as content } from "../generated/quiz-content.ts";
import { openBrowserStorage, type KeyValueStorage } from "./browser-storage.ts";
import { loadOnce } from "./load-once.ts";
import {
  describeContentChange,
  noAnswers,
  restoreAnswers,
  savedAnswersKey,
  serializeAnswers,
  type AnswerCheck,
  type RestoredAnswers,
  type SavedAnswers,
} from "./saved-answers.ts";
import { newUuid } from "./uuid.ts";
import { readArrivalContext } from "./submission/attribution.ts";

export interface AnswerState extends SavedAnswers {
  assessmentId: string;
  /** Said once after a content change, until the person dismisses it. */
  notice?: string;
  /** False when the browser will not keep answers past this page. */
  persistent: boolean;
}

/** The answers of this browser, saved the moment they change. */
export interface AnswerStore {
  getState: () => AnswerState;
  subscribe: (listener: () => void) => () => void;
  chooseOption: (questionId: string, optionId: string) => void;
  setPosition: (index: number) => void;
  clear: () => void;
  dismissNotice: () => void;
  /** Reads storage again, after another tab changed it. */
  reload: () => Promise<void>;
}

const loadAnswerCheck = loadOnce(() => import("./answer-check.ts"));

/**
 * Opens the answer store of this browser, with what an earlier visit
 * saved. The schema check (and zod with it) is fetched only when there
 * is something saved to check, which keeps a first visit light.
 *
 * Where this visit came from (`arrival`) is kept with the answers the
 * first time there is any, so a campaign is credited even when the
 * person finishes on a later visit.
 *
 * @example
 * const store = await openAnswerStore();
 * store.chooseOption("ed-event-bus", "some");
 */
export async function openAnswerStore(
  storage: KeyValueStorage = openBrowserStorage(),
  assessment: QuizContent = content,
  arrival: SubmissionContext | undefined = readArrivalContext(),
): Promise<AnswerStore> {
  const restored = await restoreFrom(storage, assessment);
  return createAnswerStore(storage, assessment, restored, arrival);
}

async function restoreFrom(
  storage: KeyValueStorage,
  assessment: QuizContent,
): Promise<RestoredAnswers> {
  const raw = storage.read(savedAnswersKey);
  if (raw === null) return noAnswers;

  const check = await loadCheck(assessment);
  return restoreAnswers(raw, assessment, check);
}

async function loadCheck(assessment: QuizContent): Promise<AnswerCheck> {
  try {
    const { createAnswerCheck } = await loadAnswerCheck();
    return createAnswerCheck(assessment);
  } catch {
    // restoreAnswers has already dropped every unknown question and
    // option; losing a person's answers to a network blip would be worse
    // than skipping the schema's second look.
    return () => true;
  }
}

function createAnswerStore(
  storage: KeyValueStorage,
  assessment: QuizContent,
  restored: RestoredAnswers,
  arrival: SubmissionContext | undefined,
): AnswerStore {
  const listeners = new Set<() => void>();
  let state = stateFrom(restored);

  function stateFrom(saved: RestoredAnswers): AnswerState {
    const { answers, position, change } = saved;
    const assessmentId = saved.assessmentId ?? newUuid();
    const context = saved.context ?? arrival;

    // An id made now must be kept before anything is submitted under
    // it, or a reload would submit the same answers again as another.
    const hasAnswers = Object.keys(answers).length > 0;
    const madeId = hasAnswers && saved.assessmentId === undefined;
    const newContext = context !== saved.context;
    if (change || madeId || newContext) {
      persist({ answers, position, assessmentId, context });
    }

    const notice = change ? describeContentChange(change) : undefined;
    const { persistent } = storage;
    return { answers, position, assessmentId, context, notice, persistent };
  }

  function persist(saved: SavedAnswers) {
    storage.write(savedAnswersKey, serializeAnswers(saved, assessment));
  }

  function update(next: Partial<AnswerState>, save = true) {
    state = { ...state, ...next };
    if (save) persist(state);
    state = { ...state, persistent: storage.persistent };
    for (const listener of listeners) listener();
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    chooseOption(questionId, optionId) {
      const before = state.answers[questionId];
      const changed = before !== undefined && before !== optionId;
      update({
        answers: { ...state.answers, [questionId]: optionId },
        // Other answers are another assessment, with an id of its own.
        ...(changed && { assessmentId: newUuid() }),
      });
    },
    setPosition(index) {
      if (index !== state.position) update({ position: index });
    },
    clear() {
      storage.remove(savedAnswersKey);
      const fresh = { ...noAnswers, assessmentId: newUuid() };
      // The campaign that brought the person here still applies.
      update({ ...fresh, notice: undefined }, state.context !== undefined);
    },
    dismissNotice() {
      update({ notice: undefined }, false);
    },
    async reload() {
      const saved = await restoreFrom(storage, assessment);
      // Through stateFrom, so an id made here is kept like any other.
      const context = saved.context ?? state.context;
      const { notice, ...next } = stateFrom({ ...saved, context });
      update(notice ? { ...next, notice } : next, false);
    },
  };
}

const AnswerStoreContext = createContext<AnswerStore | null>(null);

interface AnswerStoreProviderProps {
  store: AnswerStore;
  children: ReactNode;
}

/** Gives the app its answer store, and keeps it in step with other tabs. */
export function AnswerStoreProvider({
  store,
  children,
}: AnswerStoreProviderProps) {
  useEffect(() => {
    function reloadWhenAnotherTabSaves(event: StorageEvent) {
      if (event.key === savedAnswersKey) void store.reload();
    }
    window.addEventListener("storage", reloadWhenAnotherTabSaves);
    return () =>
      window.removeEventListener("storage", reloadWhenAnotherTabSaves);
  }, [store]);

  return <AnswerStoreContext value={store}>{children}</AnswerStoreContext>;
}

/** The answer store, for changing answers. */
export function useAnswerStore(): AnswerStore {
  const store = use(AnswerStoreContext);
  if (!store) throw new Error("useAnswerStore needs an AnswerStoreProvider");
  return store;
}

/** The saved answers; re-renders when they change. */
export function useAnswers(): AnswerState {
  const store = useAnswerStore();
  // The same state serves the prerender (scripts/prerender.tsx).
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}

/**
 * One value taken from the saved answers; re-renders only when that
 * value changes. Return a primitive, so equal values compare equal.
 *
 * @example
 * const notice = useAnswerSelector((state) => state.notice);
 */
export function useAnswerSelector<T>(select: (state: AnswerState) => T): T {
  const store = useAnswerStore();
  const selected = () => select(store.getState());
  return useSyncExternalStore(store.subscribe, selected, selected);
}
