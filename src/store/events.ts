// Things that happen once, as opposed to state: a panel asks the canvas to show a card, the
// facilitator asks the canvas to spotlight its view. Kept as state they had to be reset by
// whoever acted on them (and a second ask for the same card was lost); as events, the one who
// knows how (the canvas, which knows the viewport) subscribes in an effect and nothing is left over.

/** The events of one open map (names and what they carry). */
export interface EditorEvents {
  /** Bring this card into view and focus it. */
  reveal: { cardId: string };
  /** Spotlight this tab's view for everyone (the facilitator's "bring everyone to my view"). */
  bringToMyView: { by: string; name: string; at: number };
}

export type Unsubscribe = () => void;

/** What components see: they listen; only the session actions emit. */
export interface EventSource<E> {
  on<K extends keyof E>(name: K, listener: (event: E[K]) => void): Unsubscribe;
}

export interface Emitter<E> extends EventSource<E> {
  emit<K extends keyof E>(name: K, event: E[K]): void;
}

export function createEmitter<E>(): Emitter<E> {
  const listeners = new Map<keyof E, Set<(event: never) => void>>();
  return {
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    emit(name, event) {
      // A copy: a listener that unsubscribes while called does not skip the next one.
      for (const listener of [...(listeners.get(name) ?? [])]) (listener as (e: typeof event) => void)(event);
    },
  };
}
