// Says a change out loud to screen readers: one polite live region for the editor (EditorPage
// mounts it), written by whoever made the change (the outline's commands, the canvas's Alt+arrow
// moves). A plain DOM write, so the canvas and the lazy outline share it without a store.
export const ANNOUNCER_ID = 'tp-announcer';

export function announce(message: string): void {
  const region = document.getElementById(ANNOUNCER_ID);
  if (!region) return;
  // Emptied first, so the same words said twice (two moves down) are announced twice.
  region.textContent = '';
  requestAnimationFrame(() => {
    region.textContent = message;
  });
}
