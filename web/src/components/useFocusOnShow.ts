import { type RefObject, useEffect } from 'react';

/**
 * Moves focus to an element (a panel's heading) when it first shows: a panel that opens below a
 * long list would otherwise open out of sight on a phone, and a screen reader would not hear it.
 * The element needs tabIndex={-1}.
 */
export function useFocusOnShow(ref: RefObject<HTMLElement | null>, when = true): void {
  useEffect(() => {
    const element = ref.current;
    if (!when || !element) return;
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: 'start' });
  }, [ref, when]);
}
