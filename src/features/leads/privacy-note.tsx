import { rememberDays } from "./remembered-lead.ts";

/** What is stored, why, for how long, and how to remove it. */
export function PrivacyNote() {
  return (
    <div id="lead-privacy" className="privacy">
      <p>
        We store what you enter here with your result, to send the report or
        arrange the call you ask for, and for nothing else. We delete it when
        your result is deleted, which you can do at any time from the results
        page.
      </p>
      <p>
        This browser also keeps your details for {rememberDays} days, so you are
        not asked again. You can forget them here at any time.
      </p>
    </div>
  );
}
