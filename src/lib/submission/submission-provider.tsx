import {
  createContext,
  use,
  useCallback,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";

import type { KeyValueStorage } from "../browser-storage.ts";
import { hasPendingSubmission } from "./submission-records.ts";
import type { SubmissionQueue } from "./submission-queue.ts";

/** The queue, once its code has arrived, and the way to ask for it. */
export interface SubmissionHub {
  queue: SubmissionQueue | null;
  /** True when the queue's code could not be fetched. */
  unavailable: boolean;
  /** Fetches the queue's code, if nobody has yet. */
  want: () => void;
  /** Fetches it again after a failure. */
  retryLoad: () => void;
}

/*
 * The queue brings zod with it (it builds requests with the core's
 * schema), so it is fetched only when a result needs it or when an
 * earlier visit left a submission pending: the first question stays
 * as light as before. See docs/decisions/zod-after-the-first-question.md.
 */
const loadQueue = () => import("./submission-queue.ts");

const SubmissionContext = createContext<SubmissionHub | null>(null);

interface SubmissionProviderProps {
  storage: KeyValueStorage;
  children: ReactNode;
}

/**
 * Runs this browser's submission queue for as long as the app is open.
 * On start it sends whatever an earlier visit left pending.
 */
export function SubmissionProvider({
  storage,
  children,
}: SubmissionProviderProps) {
  const [wanted, setWanted] = useState(() => hasPendingSubmission(storage));
  const [round, setRound] = useState(0);
  const [queue, setQueue] = useState<SubmissionQueue | null>(null);
  const [unavailable, setUnavailable] = useState(false);

  useEffect(() => {
    if (!wanted) return;
    let active = true;
    let opened: SubmissionQueue | undefined;

    loadQueue().then(
      ({ openSubmissionQueue }) => {
        if (!active) return;
        opened = openSubmissionQueue(storage);
        opened.start();
        setQueue(opened);
        setUnavailable(false);
      },
      () => {
        // Pending submissions stay stored for "Try now" or a next visit.
        if (active) setUnavailable(true);
      },
    );
    return () => {
      active = false;
      opened?.stop();
    };
  }, [wanted, round, storage]);

  const want = useCallback(() => setWanted(true), []);
  const retryLoad = useCallback(() => setRound((count) => count + 1), []);
  const hub = useMemo(
    () => ({ queue, unavailable, want, retryLoad }),
    [queue, unavailable, want, retryLoad],
  );

  return <SubmissionContext value={hub}>{children}</SubmissionContext>;
}

/** The submission queue's hub; see `useSubmission` for most uses. */
export function useSubmissionHub(): SubmissionHub {
  const hub = use(SubmissionContext);
  if (!hub) throw new Error("useSubmission needs a SubmissionProvider");
  return hub;
}
