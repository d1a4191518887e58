// One toolbar button: an icon and a label. On a laptop-width screen the label of a `compact` button
// is hidden (styles.css) so the toolbar stays on one row; its name stays the accessible name and
// the tooltip, so a screen reader and a hovering mouse still hear and see what it does.
import type { ButtonHTMLAttributes } from 'react';
import type { IconName } from '../views/icons';
import { Icon } from '../views/Icon';

interface Props extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  icon: IconName;
  label: string;
  /** Extra words for the tooltip, such as the shortcut. */
  hint?: string;
  compact?: boolean;
}

export function ToolbarButton({ icon, label, hint, compact, className, ...rest }: Props) {
  return (
    <button type="button" className={`btn btn-ghost${compact ? ' btn-compact' : ''}${className ? ` ${className}` : ''}`} aria-label={label} title={hint ? `${label} (${hint})` : label} {...rest}>
      <Icon name={icon} />
      <span className="btn-text" aria-hidden>
        {label}
      </span>
    </button>
  );
}
