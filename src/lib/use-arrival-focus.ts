import { useEffect, type RefObject } from "react";

import { hasNavigated } from "./router.tsx";

/**
 * Moves focus to a screen's heading when the person arrives from
 * another screen, so keyboard and screen reader users start reading at
 * the new content. On the first page load the browser's order is kept.
 * The router has already scrolled to the top, so focus does not scroll.
 *
 * @example
 * const heading = useRef<HTMLHeadingElement>(null);
 * useArrivalFocus(heading);
 * return <h1 ref={heading} tabIndex={-1}>Your results</h1>;
 */
export function useArrivalFocus(
  target: RefObject<HTMLElement | null>,
  enabled = true,
) {
  useEffect(() => {
    if (enabled && hasNavigated())
      target.current?.focus({ preventScroll: true });
  }, [target, enabled]);
}
