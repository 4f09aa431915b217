import { useEffect } from "react";

const appName = "Integration Readiness Assessment";

/**
 * Sets the tab title for a screen, so each route has its own and a
 * screen reader announces where the person landed.
 *
 * @example
 * useDocumentTitle("Your results"); // "Your results - Integration ..."
 */
export function useDocumentTitle(title?: string) {
  useEffect(() => {
    document.title = title ? `${title} - ${appName}` : appName;
  }, [title]);
}
