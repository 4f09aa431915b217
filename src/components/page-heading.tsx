import { useRef, type ReactNode } from "react";

import { useArrivalFocus } from "../lib/use-arrival-focus.ts";

interface PageHeadingProps {
  children: ReactNode;
  /** Off when something else on the screen should take focus. */
  focusOnArrival?: boolean;
}

/**
 * A screen's level-1 heading. It takes focus when the person arrives
 * from another screen, which tells screen reader users the page changed.
 */
export function PageHeading({
  children,
  focusOnArrival = true,
}: PageHeadingProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useArrivalFocus(heading, focusOnArrival);

  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
