/** What the app's middleware shares with its handlers through `c.get`. */
export interface AppEnv {
  Variables: {
    /** The id on every log line of this request, sent as X-Request-Id. */
    requestId: string;
    /** The request body as parsed JSON, before validation. */
    jsonBody: unknown;
  };
}
