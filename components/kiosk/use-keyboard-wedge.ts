"use client";

import { useEffect, useRef } from "react";

/**
 * A USB/Bluetooth barcode scanner is a keyboard: it types the code's digits and Enter.
 * While `enabled`, digits typed anywhere on the page (outside a text field, which takes
 * them itself) are handed to `onDigit`, and Enter to `onEnter`, which returns whether it
 * used it (then the Enter does not also press the focused button).
 */
export function useKeyboardWedge(options: { enabled: boolean; onDigit: (digit: string) => void; onEnter: () => boolean }) {
  const handlers = useRef(options);
  useEffect(() => {
    handlers.current = options;
  });

  useEffect(() => {
    if (!options.enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (isTextEntry(event.target)) return;
      if (/^[0-9]$/.test(event.key)) {
        event.preventDefault();
        handlers.current.onDigit(event.key);
      } else if (event.key === "Enter" && handlers.current.onEnter()) {
        event.preventDefault();
      }
    }
    window.addEventListener("keydown", onKeyDown, { capture: true });
    return () => window.removeEventListener("keydown", onKeyDown, { capture: true });
  }, [options.enabled]);
}

function isTextEntry(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["button", "checkbox", "radio", "submit", "reset"].includes(target.type);
}
