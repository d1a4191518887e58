// A piece of text that becomes an input when clicked (or on Enter), for titles and header names.
// Enter or leaving the field saves, Escape cancels.
import { useState } from 'react';
import { useReadOnly } from '../store/context';

interface Props {
  value: string;
  label: string;
  placeholder?: string;
  className?: string;
  multiline?: boolean;
  onSave(value: string): void;
}

export function EditableText({ value, label, placeholder, className, onSave }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const readOnly = useReadOnly();
  if (readOnly) return <span className={`editable-static ${className ?? ''}`}>{value || <span className="muted">{placeholder}</span>}</span>;
  if (draft === null) {
    return (
      <button type="button" className={`editable ${className ?? ''}`} aria-label={`${label}: ${value || placeholder || ''}`} title={label} onClick={() => setDraft(value)}>
        {value || <span className="muted">{placeholder}</span>}
      </button>
    );
  }
  const save = () => {
    if (draft !== value) onSave(draft.trim());
    setDraft(null);
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
        if (e.key === 'Escape') setDraft(null);
      }}
    />
  );
}
