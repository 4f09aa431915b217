/**
 * Shown while a screen's code or content loads. It holds the space a
 * screen takes, so the footer does not jump when the screen arrives.
 */
export function LoadingMessage() {
  return (
    <div className="loading" role="status">
      Loading…
    </div>
  );
}
