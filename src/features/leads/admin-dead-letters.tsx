import { useEffect, useEffectEvent, useState } from "react";

import {
  AdminRequestError,
  fetchDeadLetters,
  replayDelivery,
  type DeadLetter,
} from "./admin-api.ts";
import { formatDate } from "./admin-leads.tsx";

interface SectionProps {
  token: string;
  onError: (error: unknown) => void;
}

/** The leads the CRM never received, each with a way to send it again. */
export function DeadLetterSection({ token, onError }: SectionProps) {
  const [leads, setLeads] = useState<DeadLetter[]>();
  const [replaying, setReplaying] = useState<string>();
  const [message, setMessage] = useState("");
  const [failed, setFailed] = useState("");

  function show(found: DeadLetter[]) {
    setLeads(found);
    setMessage(found.length === 0 ? "No deliveries have failed." : "");
  }

  function fail(error: unknown) {
    onError(error);
    setFailed("The failed deliveries could not be loaded.");
  }

  function drop(lead: DeadLetter) {
    setLeads((current) => current?.filter((l) => l.id !== lead.id));
  }

  async function replay(lead: DeadLetter) {
    const from = describeLead(lead);
    setReplaying(lead.id);
    setFailed("");
    try {
      await replayDelivery(token, lead.id);
      drop(lead);
      setMessage(`The lead from ${from} is being delivered again.`);
    } catch (error) {
      onError(error);
      if (error instanceof AdminRequestError && error.status === 409) {
        drop(lead);
        setMessage(`The lead from ${from} is no longer a failed delivery.`);
      } else {
        setFailed(`The lead from ${from} could not be replayed. Try again.`);
      }
    } finally {
      setReplaying(undefined);
    }
  }

  const onLoaded = useEffectEvent(show);
  const onFailed = useEffectEvent(fail);
  useEffect(() => {
    fetchDeadLetters(token).then(onLoaded, onFailed);
  }, [token]);

  return (
    <section aria-labelledby="dead-letters-heading" className="admin-section">
      <h2 id="dead-letters-heading">Failed deliveries</h2>
      <p>
        Leads the CRM webhook did not accept after every retry. Replay sends one
        again, with the same idempotency key.
      </p>
      <p role="status" className="form-status">
        {leads === undefined ? "Loading the failed deliveries…" : message}
      </p>
      {failed && (
        <p role="alert" className="form-error">
          {failed}
        </p>
      )}
      {leads && leads.length > 0 && (
        <div
          className="table-scroll"
          role="region"
          aria-label="Failed deliveries table"
          tabIndex={0}
        >
          <table className="scores admin-table">
            <caption>Failed deliveries</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Company</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {leads.map((lead) => (
                <tr key={lead.id}>
                  <th scope="row">{formatDate(lead.createdAt)}</th>
                  <td>{lead.company}</td>
                  <td>{lead.attempts}</td>
                  <td>{lead.lastError ?? "Unknown"}</td>
                  <td>
                    <button
                      type="button"
                      className="button"
                      disabled={replaying !== undefined}
                      onClick={() => void replay(lead)}
                    >
                      Replay{" "}
                      <span className="visually-hidden">
                        the lead from {describeLead(lead)}
                      </span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Company and time: dead letters carry no names, by design. */
function describeLead(lead: DeadLetter) {
  return `${lead.company}, ${formatDate(lead.createdAt)}`;
}
