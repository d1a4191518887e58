// A piece of text that becomes an input when clicked (or on Enter), for titles and header names.
// Enter or leaving the field saves, Escape cancels.
import { useEffect, useState, type ReactNode } from 'react';
import { useReadOnly } from '../store/context';

interface Props {
  value: string;
  label: string;
  placeholder?: string;
  className?: string;
  multiline?: boolean;
  /** Drawn instead of the value while not editing (a stage header's wrapped or abbreviated name): the
   * value stays the accessible name, and is the tooltip when `shown` abbreviates it. */
  shown?: { node: ReactNode; abbreviated: boolean };
  /** Opens the field from outside, for a separate "Rename" button; `onClose` then tells when it shut. */
  editing?: boolean;
  onClose?(): void;
  onSave(value: string): void;
}

export function EditableText({ value, label, placeholder, className, shown, editing, onClose, onSave }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const readOnly = useReadOnly();
  useEffect(() => {
    if (editing) setDraft(value);
    // Only the request opens the field; later changes of `value` must not reset what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing]);
  const close = () => {
    setDraft(null);
    onClose?.();
  };
  const face = value && shown ? <span aria-hidden>{shown.node}</span> : value || <span className="muted">{placeholder}</span>;
  if (readOnly)
    return (
      <span className={`editable-static ${className ?? ''}`} title={shown?.abbreviated ? value : undefined}>
        {face}
        {value && shown && <span className="sr-only">{value}</span>}
      </span>
    );
  if (draft === null) {
    return (
      <button type="button" className={`editable ${className ?? ''}`} aria-label={`${label}: ${value || placeholder || ''}`} title={shown?.abbreviated ? value : label} onClick={() => setDraft(value)}>
        {face}
      </button>
    );
  }
  const save = () => {
    if (draft !== value) onSave(draft.trim());
    close();
  };
  return (
    <input
      className={`editable-input nodrag ${className ?? ''}`}
      aria-label={label}
      value={draft}
      placeholder={placeholder}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') save();
        if (e.key === 'Escape') close();
      }}
    />
  );
}
