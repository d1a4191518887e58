// Who this browser is to the others on a map: a display name, remembered here, and a colour that
// tells it apart from the people present.
const NAME = 'touchpoint.name';
export const PEER_COLORS = ['#e11d48', '#d97706', '#16a34a', '#0891b2', '#4f46e5', '#9333ea', '#db2777', '#0d9488'];

export function rememberedName(): string {
  return localStorage.getItem(NAME) ?? '';
}

export function rememberName(name: string): void {
  localStorage.setItem(NAME, name.trim().slice(0, 60));
}

/**
 * The first palette colour none of the people present wears, so that cursors and avatars tell
 * them apart (a colour drawn at random from 8 is shared surprisingly often); at random when all are
 * taken.
 */
export function pickColor(taken: Iterable<string>): string {
  return freeColor(taken) ?? PEER_COLORS[Math.floor(Math.random() * PEER_COLORS.length)]!;
}

/** The first palette colour not in `taken`, if any is left. */
export function freeColor(taken: Iterable<string>): string | undefined {
  const used = new Set([...taken].map((c) => c.toLowerCase()));
  return PEER_COLORS.find((c) => !used.has(c));
}

export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('') || '?';
