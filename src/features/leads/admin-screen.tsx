import { useRef, useState, type FormEvent } from "react";

import { PageHeading } from "../../components/page-heading.tsx";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { AdminAuthError } from "./admin-api.ts";
import { DeadLetterSection } from "./admin-dead-letters.tsx";
import { LeadsSection } from "./admin-leads.tsx";
import { keepAdminToken, readAdminToken } from "./admin-token.ts";

/**
 * The screen at `/admin`: the leads, their export and the deliveries
 * that failed. Every request carries the token entered here, which
 * lasts only as long as the browser tab.
 */
export function AdminScreen() {
  useDocumentTitle("Leads");
  const [token, setToken] = useState(readAdminToken);
  const [refused, setRefused] = useState(false);

  function signIn(entered: string) {
    keepAdminToken(entered);
    setRefused(false);
    setToken(entered);
  }

  function signOut(wasRefused: boolean) {
    keepAdminToken("");
    setRefused(wasRefused);
    setToken("");
  }

  /** Turns a 401 from any section into the sign-in form again. */
  function onError(error: unknown) {
    if (error instanceof AdminAuthError) signOut(true);
  }

  return (
    <section className="screen admin">
      <PageHeading>Leads</PageHeading>
      {token ? (
        <div className="actions admin-session">
          <p>This tab holds an admin token until it is closed.</p>
          <button
            type="button"
            className="button"
            onClick={() => signOut(false)}
          >
            Forget the token
          </button>
        </div>
      ) : (
        <TokenForm refused={refused} onEnter={signIn} />
      )}
      {token && (
        <>
          <LeadsSection token={token} onError={onError} />
          <DeadLetterSection token={token} onError={onError} />
        </>
      )}
    </section>
  );
}

function TokenForm({
  refused,
  onEnter,
}: {
  refused: boolean;
  onEnter: (token: string) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [empty, setEmpty] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const entered = input.current?.value.trim() ?? "";
    setEmpty(entered === "");
    if (entered) onEnter(entered);
    else input.current?.focus();
  }

  const problem = refused
    ? "The token was not accepted. Check it and enter it again."
    : empty
      ? "Enter the admin token."
      : "";

  return (
    <form className="admin-token" noValidate onSubmit={submit}>
      <div className="field">
        <label htmlFor="admin-token">Admin token</label>
        <input
          ref={input}
          id="admin-token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={problem !== ""}
          aria-describedby="admin-token-problem"
          autoFocus={refused}
        />
        <p id="admin-token-problem" role="alert" className="field-error">
          {problem}
        </p>
      </div>
      <button type="submit" className="button primary">
        Show the leads
      </button>
    </form>
  );
}
