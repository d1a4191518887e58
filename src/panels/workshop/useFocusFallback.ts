// When a workshop control the person just used goes away (the vote they closed, the role they took),
// focus would fall to the page itself: give it to this section's heading instead, so keyboard and
// screen-reader users stay where they were working.
import { useLayoutEffect, type RefObject } from 'react';

export function useFocusFallback(heading: RefObject<HTMLElement | null>, state: unknown): void {
  useLayoutEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body) heading.current?.focus();
  }, [heading, state]);
}
