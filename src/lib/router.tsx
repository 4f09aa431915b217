import {
  createContext,
  startTransition,
  use,
  useEffect,
  useLayoutEffect,
  useState,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from "react";

/**
 * A small router on the History API. The app has five routes, so a
 * library would cost more bytes than it saves; see
 * docs/decisions/home-made-router.md.
 */

export interface AppLocation {
  pathname: string;
  /** The fragment without its "#", decoded; empty when there is none. */
  anchor: string;
}

const listeners = new Set<() => void>();
let navigated = false;
let scrollToTop = false;

function notify() {
  navigated = true;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (listeners.size === 1) {
    window.addEventListener("popstate", notify);
    window.addEventListener("hashchange", notify);
  }

  return function unsubscribe() {
    listeners.delete(listener);
    if (listeners.size === 0) {
      window.removeEventListener("popstate", notify);
      window.removeEventListener("hashchange", notify);
    }
  };
}

function readHref() {
  return window.location.pathname + window.location.hash;
}

function toLocation(href: string): AppLocation {
  const hashAt = href.indexOf("#");
  const path = hashAt === -1 ? href : href.slice(0, hashAt);
  const hash = hashAt === -1 ? "" : href.slice(hashAt + 1);

  return {
    pathname: path.length > 1 ? path.replace(/\/+$/, "") : path,
    anchor: safeDecode(hash),
  };
}

function safeDecode(text: string) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const LocationContext = createContext<string | null>(null);

/**
 * Holds the address for the app. A change of screen renders as a
 * transition, which React splits into short slices, so moving between
 * questions never blocks the main thread for long on a slow phone.
 */
export function RouterProvider({ children }: { children: ReactNode }) {
  const [href, setHref] = useState(readHref);

  // Scrolled once the new screen is in the page, not when the address
  // changes: the layout that scrolling needs is then done only once.
  useLayoutEffect(() => {
    if (!scrollToTop) return;
    scrollToTop = false;
    window.scrollTo(0, 0);
  }, [href]);

  useEffect(() => {
    function follow() {
      startTransition(() => setHref(readHref()));
    }
    const unsubscribe = subscribe(follow);
    // A screen's first effects (a redirect) run before this one does.
    follow();
    return unsubscribe;
  }, []);

  return <LocationContext value={href}>{children}</LocationContext>;
}

/** The current path and anchor; re-renders when either changes. */
export function useLocation(): AppLocation {
  const href = use(LocationContext);
  if (href === null) throw new Error("useLocation needs a RouterProvider");
  return toLocation(href);
}

/**
 * Goes to a path inside the app without reloading the page.
 *
 * @example
 * navigate("/assessment/2");
 * navigate("/assessment/1", { replace: true });
 */
export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);

  scrollToTop = !to.includes("#");
  notify();
}

/**
 * True once the person has moved between screens. Screens use it to
 * move focus to their heading after a navigation, but not on the first
 * page load, where the browser's own focus order should start.
 */
export function hasNavigated() {
  return navigated;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & {
  to: string;
};

/** An anchor that navigates inside the app on a plain left click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  function followInApp(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented || !isPlainClick(event)) return;

    event.preventDefault();
    navigate(to);
  }

  return <a {...rest} href={to} onClick={followInApp} />;
}

/** A click that should stay in this tab, not open a new one. */
function isPlainClick(event: MouseEvent<HTMLAnchorElement>) {
  const modified =
    event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
  const target = event.currentTarget.target;
  return event.button === 0 && !modified && (!target || target === "_self");
}

/**
 * Replaces the current address with another as soon as it renders,
 * for addresses that exist but are not the place to be right now.
 */
export function Redirect({ to }: { to: string }) {
  useEffect(() => {
    navigate(to, { replace: true });
  }, [to]);

  return null;
}
