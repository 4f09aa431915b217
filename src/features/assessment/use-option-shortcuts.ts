import { useEffect, useEffectEvent } from "react";

interface OptionShortcuts {
  optionCount: number;
  /** Called with the 0-based index of the option whose number was typed. */
  onPick: (index: number) => void;
  onEnter: () => void;
}

/**
 * Number keys 1 to 9 pick an option and Enter goes on, wherever focus
 * is on the question screen, except where a key already does something:
 * Enter on a button or link, or typing in a text field.
 */
export function useOptionShortcuts(shortcuts: OptionShortcuts) {
  const handleKey = useEffectEvent((event: KeyboardEvent) => {
    if (ignoresShortcuts(event)) return;

    if (event.key === "Enter") {
      if (event.repeat || activatesOnEnter(event.target)) return;
      event.preventDefault();
      shortcuts.onEnter();
      return;
    }

    const index = Number(event.key) - 1;
    if (
      Number.isInteger(index) &&
      index >= 0 &&
      index < shortcuts.optionCount
    ) {
      event.preventDefault();
      shortcuts.onPick(index);
    }
  });

  useEffect(() => {
    document.addEventListener("keydown", handleKey);
    return () => document.removeEventListener("keydown", handleKey);
  }, []);
}

function ignoresShortcuts(event: KeyboardEvent) {
  const modified = event.altKey || event.ctrlKey || event.metaKey;
  return (
    event.defaultPrevented ||
    modified ||
    event.isComposing ||
    isTextEntry(event.target)
  );
}

function isTextEntry(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement &&
    !["radio", "checkbox", "button", "submit"].includes(target.type)
  );
}

function activatesOnEnter(target: EventTarget | null) {
  return (
    target instanceof HTMLElement && target.closest("button, a[href]") !== null
  );
}
