// Writing a comment (a new thread, a reply, or an edit of one's own): a text box that suggests the
// people who have been on the map when `@` is typed (a listbox: ↑ ↓ to move, Enter or Tab to choose,
// Esc to close), sent with Ctrl/⌘+Enter or its button. After sending it empties and keeps the focus,
// so a second comment follows the first without reaching for the mouse.
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { COMMENT_MAX_CHARS } from '../journey/comments';
import { insertMention, mentionAt, mentionsIn, suggestNames } from '../journey/mentions';
import { useT } from '../i18n';
import { Icon } from '../views/Icon';

interface Props {
  /** The text box's name ("Reply to …", "Edit your comment"). */
  label: string;
  submitLabel: string;
  /** The people one may mention. */
  names: readonly string[];
  initial?: string;
  autoFocus?: boolean;
  /** The how-to under the box is for screen readers only (a reply box: the panel's first box shows it). */
  quiet?: boolean;
  onSubmit(text: string, mentions: string[]): void;
  /** An edit can be given up (Esc, or its button); a new comment keeps its draft. */
  onCancel?(): void;
}

/** Left to type before the limit, said only when it is near. */
const NEAR_LIMIT = 200;

export function CommentComposer({ label, submitLabel, names, initial = '', autoFocus, quiet, onSubmit, onCancel }: Props) {
  const t = useT();
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(initial);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  /** Where the caret goes once the text with a chosen name is drawn. */
  const caret = useRef<number | null>(null);
  const suggestions = mention ? suggestNames(names, mention.query) : [];
  const open = suggestions.length > 0;

  useLayoutEffect(() => {
    const el = box.current;
    if (el && caret.current !== null) {
      el.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
  });
  useLayoutEffect(() => {
    if (!autoFocus) return;
    const el = box.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, [autoFocus]);

  /** What is being typed at the caret: a mention or not. */
  const follow = (el: HTMLTextAreaElement) => {
    const at = el.selectionStart === el.selectionEnd ? mentionAt(el.value, el.selectionStart) : null;
    setMention((was) => (was?.start === at?.start && was?.query === at?.query ? was : at));
    if (at?.start !== mention?.start) setActive(0);
  };
  const choose = (name: string) => {
    const el = box.current;
    if (!el || !mention) return;
    const next = insertMention(text, mention.start, el.selectionStart, name);
    caret.current = next.caret;
    setText(next.text);
    setMention(null);
  };
  const submit = () => {
    const clean = text.trim();
    if (!clean) return;
    onSubmit(clean, mentionsIn(clean, names));
    if (!onCancel) setText('');
    setMention(null);
    box.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
    } else if (open && (e.key === 'Enter' || e.key === 'Tab') && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
      e.preventDefault();
      choose(suggestions[Math.min(active, suggestions.length - 1)]!);
    } else if (open && e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setMention(null);
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape' && onCancel) {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    }
  };
  const left = COMMENT_MAX_CHARS - text.length;
  const listId = `${id}-people`;
  const optionId = (i: number) => `${id}-person-${i}`;
  return (
    <form
      className="comment-composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="composer-box">
        <textarea
          ref={box}
          id={`${id}-text`}
          aria-label={label}
          aria-describedby={`${id}-hint`}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? optionId(Math.min(active, suggestions.length - 1)) : undefined}
          rows={onCancel ? 3 : 2}
          maxLength={COMMENT_MAX_CHARS}
          placeholder={t('comments.placeholder')}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            follow(e.currentTarget);
          }}
          onSelect={(e) => follow(e.currentTarget)}
          onKeyDown={onKeyDown}
          onBlur={() => setMention(null)}
        />
        {open && (
          <ul className="mention-list" role="listbox" id={listId} aria-label={t('comments.suggestions')}>
            {suggestions.map((name, i) => (
              <li
                key={name}
                id={optionId(i)}
                role="option"
                aria-selected={i === Math.min(active, suggestions.length - 1)}
                // Choosing keeps the focus in the text box.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(name);
                }}
              >
                @{name}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className={`muted small composer-hint${quiet && left > NEAR_LIMIT ? ' sr-only' : ''}`} id={`${id}-hint`}>
        {left <= NEAR_LIMIT ? t('comments.charsLeft', { n: left }) : t('comments.hint')}
      </p>
      <div className="composer-actions">
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
        <button type="submit" className="btn btn-primary" disabled={!text.trim()}>
          <Icon name="send" /> {submitLabel}
        </button>
      </div>
    </form>
  );
}
