// The presentation's keys and its full screen. Left and right arrows, PageUp and PageDown (what a
// presentation clicker sends), Space and Shift+Space, Home and End change the stage; Escape ends.
// They are taken before anything else sees them (capture phase), so no card, header or editor
// shortcut acts on them while presenting; the up and down arrows scroll the stage (canvas/PresentView).
// Leaving full screen (the browser's own Escape) ends the presentation too, and ending it leaves
// full screen.
import { useEffect, useRef } from 'react';

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);

/** What a key asks of the presentation: a step (-1, +1), a stage to go to, or the end. */
function wish(e: KeyboardEvent, last: number): { to: number } | { by: number } | 'stop' | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'ArrowRight':
    case 'PageDown':
      return { by: 1 };
    case 'ArrowLeft':
    case 'PageUp':
      return { by: -1 };
    case ' ':
      // A focused button takes its own Space (it clicks).
      if (e.target instanceof HTMLButtonElement) return null;
      return { by: e.shiftKey ? -1 : 1 };
    case 'Home':
      return { to: 0 };
    case 'End':
      return { to: last };
    case 'Escape':
      return 'stop';
    default:
      return null;
  }
}

export function usePresentKeys(at: number, total: number, go: (to: number) => void, stop: () => void): void {
  // The listeners stay put; they read the newest stage and actions from here.
  const now = useRef({ at, total, go, stop });
  now.current = { at, total, go, stop };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      const { at: current, total: count, go: goTo, stop: end } = now.current;
      const w = wish(e, count - 1);
      if (!w) return;
      e.preventDefault();
      e.stopPropagation();
      if (w === 'stop') end();
      else goTo('to' in w ? w.to : current + w.by);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  useEffect(() => {
    // Full screen may be granted a moment after the presentation started: only its end counts.
    let full = !!document.fullscreenElement;
    const onChange = () => {
      const was = full;
      full = !!document.fullscreenElement;
      if (was && !full) now.current.stop();
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    };
  }, []);
}
