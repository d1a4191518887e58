// An icon of the app's one icon set (icons.ts), drawn inline as SVG in the text colour, 1em square,
// hidden from assistive technology: the text label next to it (or the button's aria-label) names it.
import { createElement } from 'react';
import { ICONS, type IconName, type IconNode } from './icons';

/** `x` and `y` place it inside another SVG drawing (the emotional curve). */
export function Icon({ name, className, size, x, y }: { name: IconName; className?: string; size?: number | string; x?: number; y?: number }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      x={x}
      y={y}
      width={size ?? '1em'}
      height={size ?? '1em'}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {(ICONS[name] as IconNode).map(([tag, attrs], i) => createElement(tag, { key: i, ...attrs }))}
    </svg>
  );
}
