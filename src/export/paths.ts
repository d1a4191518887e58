// A link's curve between two points, as the canvas draws it (a horizontal S-bend), with the middle
// point for its label.
export function getBezierPathPoints(x1: number, y1: number, x2: number, y2: number): { path: string; labelX: number; labelY: number } {
  const dx = Math.max(40, Math.abs(x2 - x1) / 2);
  return { path: `M ${x1} ${y1} C ${x1 + dx} ${y1}, ${x2 - dx} ${y2}, ${x2} ${y2}`, labelX: (x1 + x2) / 2, labelY: (y1 + y2) / 2 - 4 };
}
