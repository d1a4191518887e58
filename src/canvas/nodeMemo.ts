// Card and cell components never draw their own position (React Flow's node wrapper places them),
// so they skip re-rendering when nothing but the position changed: a lane that grows shifts every
// lane below it, and without this every card and cell in view re-rendered.
const POSITION = new Set(['positionAbsoluteX', 'positionAbsoluteY']);

/** memo's comparison: every prop the same (by identity) but the node's position. */
export function samePropsButPosition<P extends object>(a: Readonly<P>, b: Readonly<P>): boolean {
  let keys = 0;
  for (const key in a) {
    keys++;
    if (!POSITION.has(key) && a[key] !== b[key]) return false;
  }
  for (const _ in b) keys--;
  return keys === 0;
}
