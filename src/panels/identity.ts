// Who this browser is to the others on a map: a display name and a colour, remembered here.
const NAME = 'touchpoint.name';
const COLOR = 'touchpoint.color';
export const PEER_COLORS = ['#e11d48', '#d97706', '#16a34a', '#0891b2', '#4f46e5', '#9333ea', '#db2777', '#0d9488'];

export function rememberedName(): string {
  return localStorage.getItem(NAME) ?? '';
}

export function rememberName(name: string): void {
  localStorage.setItem(NAME, name.trim().slice(0, 60));
}

export function myColor(): string {
  let color = localStorage.getItem(COLOR);
  if (!color || !PEER_COLORS.includes(color)) {
    color = PEER_COLORS[Math.floor(Math.random() * PEER_COLORS.length)]!;
    localStorage.setItem(COLOR, color);
  }
  return color;
}

export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('') || '?';
