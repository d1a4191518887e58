// Form fields for panels. Text fields keep a draft while focused and save it as one command when
// left (or on Enter), so a word typed is one undo step, not one per letter. In a view-only map each
// field is its label and value as plain text: a disabled control looks editable and is not.
import { useEffect, useId, useState } from 'react';
import { useT } from '../i18n';
import { useReadOnly } from '../store/context';

/** A field's label and value, to read (a viewer's inspector). */
export function StaticField({ label, value }: { label: string; value: string }) {
  return (
    <div className="field field-static">
      <span className="field-label">{label}</span>
      <span className="field-value">{value || '—'}</span>
    </div>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  multiline?: boolean;
  placeholder?: string;
  list?: string;
  /** `url`: the browser's URL keyboard and checks. */
  type?: 'url';
  onSave(value: string): void;
}

export function TextField({ label, value, multiline, placeholder, list, type, onSave }: TextFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const readOnly = useReadOnly();
  useEffect(() => setDraft(null), [value]);
  if (readOnly) return <StaticField label={label} value={value} />;
  const save = () => {
    if (draft !== null && draft !== value) onSave(draft);
    setDraft(null);
  };
  const common = {
    id,
    value: draft ?? value,
    placeholder,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: save,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={3} />
      ) : (
        <input
          {...common}
          type={type}
          list={list}
          onKeyDown={(e) => {
            if (e.key === 'Enter') save();
          }}
        />
      )}
    </div>
  );
}

interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
}

export function SelectField<T extends string>({ label, value, options, onChange }: SelectFieldProps<T>) {
  const id = useId();
  const readOnly = useReadOnly();
  if (readOnly) return <StaticField label={label} value={options.find((o) => o.value === value)?.label ?? value} />;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function NumberField({ label, value, min, max, onSave }: { label: string; value: number | null; min?: number; max?: number; onSave(value: number | null): void }) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const readOnly = useReadOnly();
  if (readOnly) return <StaticField label={label} value={value === null ? '' : String(value)} />;
  const save = () => {
    if (draft === null) return;
    const n = draft.trim() === '' ? null : Number(draft);
    if (n === null || (Number.isFinite(n) && (min === undefined || n >= min) && (max === undefined || n <= max))) onSave(n);
    setDraft(null);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" min={min} max={max} value={draft ?? (value ?? '')} onChange={(e) => setDraft(e.target.value)} onBlur={save} onKeyDown={(e) => e.key === 'Enter' && save()} />
    </div>
  );
}

export function CheckField({ label, checked, onChange }: { label: string; checked: boolean; onChange(checked: boolean): void }) {
  const t = useT();
  const readOnly = useReadOnly();
  if (readOnly) return <StaticField label={label} value={t(checked ? 'field.yes' : 'field.no')} />;
  return (
    <label className="field field-check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}
