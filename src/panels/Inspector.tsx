// The inspector: the fields of what is selected (a card of any kind, several cards, a link, or an
// emotion point), each change one command. A viewer reads the same fields as plain text.
import { clampScore, emotionKey, EMOTION_SCORES } from '../journey/emotions';
import type { Card } from '../journey/types';
import { KindFields } from './KindFields';
import { defOf, responsibleFor } from '../journey/cards';
import { useActions, useComments, useEditor, useJourney, useReadOnly, useSession } from '../store/context';
import { useT, type Translate } from '../i18n';
import { StaticField, TextField } from './fields';
import { useRef, useState } from 'react';
import { undoKey, useCardText } from '../views/useCardText';
import { useStore } from 'zustand';
import { FACE_ICONS } from '../views/marks';
import { Icon } from '../views/Icon';

/** What customers said about a touchpoint, each promotable into the thoughts & quotes lane. */
function Verbatims({ card }: { card: Card }) {
  const t = useT();
  const readOnly = useReadOnly();
  const actions = useActions();
  const { store } = useEditor();
  const verbatims = useStore(store, (s) => s.voc.verbatims);
  const [promoted, setPromoted] = useState<string[]>([]);
  const mine = [...verbatims.values()].filter((v) => v.touchpointId === card.id);
  if (!mine.length) return null;
  // One gesture, one command: the quote (and its lane, on a map without one) is one undo step.
  const promote = (id: string, text: string) => {
    actions.promoteVerbatim(card.stageId, text, t('lane.kind.thoughts'));
    setPromoted([...promoted, id]);
  };
  return (
    <section aria-label={t('voc.verbatims')}>
      <h3 className="field-label">{t('voc.verbatims')}</h3>
      <ul className="verbatims">
        {mine.map((v) => (
          <li key={v.id}>
            <q>{v.text}</q>
            <div className="muted small">
              {v.metric} {v.score} · {v.date}
              {v.segment ? ` · ${v.segment}` : ''}
            </div>
            {!readOnly && (
              <button type="button" className="link-btn" disabled={promoted.includes(v.id)} onClick={() => promote(v.id, v.text)}>
                {promoted.includes(v.id) ? `✓ ${t('voc.promoted')}` : `+ ${t('voc.promote')}`}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The card's text in Details: bound to the same shared text as the card, so both stay live. */
function CardTextField({ id }: { id: string }) {
  const actions = useActions();
  const ref = useRef<HTMLTextAreaElement>(null);
  useCardText(ref, id, actions);
  return <textarea ref={ref} id="inspector-text" rows={4} onFocus={() => actions.beginTyping()} onKeyDown={(e) => undoKey(e, actions)} />;
}

function CardInspector({ card }: { card: Card }) {
  const t = useT();
  const readOnly = useReadOnly();
  const actions = useActions();
  const { store } = useEditor();
  const stage = useJourney((j) => j.stages.get(card.stageId)?.name);
  const lane = useJourney((j) => j.lanes.get(card.laneId)?.name);
  return (
    <>
      <p className="inspector-where">
        {t(defOf(card).name)} · {stage ?? '—'} · {lane ?? '—'}
      </p>
      {readOnly ? (
        <StaticField label={t('field.text')} value={card.text} />
      ) : (
        <div className="field">
          <label htmlFor="inspector-text">{t('field.text')}</label>
          <CardTextField id={card.id} />
        </div>
      )}
      <KindFields card={card} t={t} />
      <Verbatims card={card} />
      {!readOnly && (
        <div className="inspector-actions">
          <button type="button" className="btn" onClick={() => store.session.select(actions.duplicateCards([card.id]))}>
            <Icon name="copy" /> {t('card.duplicate')}
          </button>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => {
              actions.deleteCards([card.id]);
              store.session.clearSelection();
            }}
          >
            <Icon name="trash" /> {t('card.delete')}
          </button>
        </div>
      )}
    </>
  );
}

const scoreText = (t: Translate, s: (typeof EMOTION_SCORES)[number]) => `${s > 0 ? `+${s}` : s} ${t(`emotion.score.${s}`)}`;

function EmotionInspector({ stageId, personaId }: { stageId: string; personaId: string | null }) {
  const t = useT();
  const readOnly = useReadOnly();
  const actions = useActions();
  const emotion = useJourney((j) => j.emotions.get(emotionKey(stageId, personaId)));
  const stage = useJourney((j) => j.stages.get(stageId)?.name ?? '');
  const persona = useJourney((j) => (personaId ? j.personas.get(personaId)?.name : undefined));
  return (
    <>
      <p className="inspector-where">
        {t('emotion.title')} · {stage}
        {persona ? ` · ${persona}` : ''}
      </p>
      {readOnly ? (
        <StaticField label={t('emotion.score')} value={emotion ? scoreText(t, emotion.score) : ''} />
      ) : (
        <fieldset className="score-picker">
          <legend>{t('emotion.score')}</legend>
          {EMOTION_SCORES.map((s) => (
            <label key={s} className={emotion?.score === s ? 'is-on' : ''}>
              <input type="radio" name="emotion-score" checked={emotion?.score === s} onChange={() => actions.setEmotion(stageId, personaId, clampScore(s))} />
              <Icon name={FACE_ICONS[s]} /> {s > 0 ? `+${s}` : s} {t(`emotion.score.${s}`)}
            </label>
          ))}
        </fieldset>
      )}
      {emotion && (
        <>
          <TextField label={t('emotion.note')} value={emotion.note} multiline onSave={(note) => actions.setEmotion(stageId, personaId, emotion.score, note)} />
          {!readOnly && (
            <button type="button" className="btn btn-danger" onClick={() => actions.clearEmotion(stageId, personaId)}>
              {t('emotion.clear')}
            </button>
          )}
        </>
      )}
    </>
  );
}

function LinkInspector({ id }: { id: string }) {
  const t = useT();
  const readOnly = useReadOnly();
  const actions = useActions();
  const { store } = useEditor();
  const link = useJourney((j) => j.links.get(id));
  if (!link) return null;
  return (
    <>
      <p className="inspector-where">{t('link.title')}</p>
      <TextField label={t('link.label')} value={link.label} onSave={(label) => actions.setLinkLabel(id, label)} />
      {!readOnly && (
        <button
          type="button"
          className="btn btn-danger"
          onClick={() => {
            actions.deleteLinks([id]);
            store.session.unselectLink(id);
          }}
        >
          <Icon name="trash" /> {t('link.delete')}
        </button>
      )}
    </>
  );
}

/** The card's comments: outside the fields, so a comment link (which cannot edit them) can comment. */
function CommentOnCard({ id }: { id: string }) {
  const t = useT();
  const { store } = useEditor();
  const canWrite = useComments((c) => c.canWrite);
  const open = useComments((c) => c.open.get(id) ?? 0);
  if (!canWrite && !open) return null;
  return (
    <div className="inspector-comment">
      <button type="button" className="btn" aria-label={open ? `${t('comments.action')} (${t('comments.openCount', { n: open })})` : t('comments.action')} onClick={() => store.session.showComments({ type: 'card', id })}>
        <Icon name="commentAdd" /> {t('comments.action')}
        {open > 0 && (
          <span className="unread-count is-quiet" aria-hidden>
            {open}
          </span>
        )}
      </button>
    </div>
  );
}

export function Inspector() {
  const t = useT();
  const readOnly = useReadOnly();
  const actions = useActions();
  const { store } = useEditor();
  const selection = useSession((s) => s.selection);
  const selectedLink = useSession((s) => s.selectedLink);
  const emotion = useSession((s) => s.emotion);
  const card = useJourney((j) => (selection.length === 1 ? j.cards.get(selection[0]!) : undefined));
  const cards = useJourney((j) => j.cards);
  // The departments already named on the map (each kind says who answers for its cards), offered as suggestions.
  const known = new Set<string>();
  for (const c of cards.values()) if (responsibleFor(c)) known.add(responsibleFor(c));
  let body;
  if (selectedLink) body = <LinkInspector id={selectedLink} />;
  else if (emotion) body = <EmotionInspector stageId={emotion.stageId} personaId={emotion.personaId} />;
  else if (card) body = <CardInspector key={card.id} card={card} />;
  else if (selection.length > 1)
    body = (
      <>
        <p>{t('inspector.many', { n: selection.length })}</p>
        {!readOnly && (
          <div className="inspector-actions">
            <button type="button" className="btn" onClick={() => store.session.select(actions.duplicateCards(selection))}>
              <Icon name="copy" /> {t('card.duplicateAll')}
            </button>
            <button
              type="button"
              className="btn btn-danger"
              onClick={() => {
                actions.deleteCards(selection);
                store.session.clearSelection();
              }}
            >
              <Icon name="trash" /> {t('card.deleteAll')}
            </button>
          </div>
        )}
      </>
    );
  else body = <p className="muted">{t('inspector.empty')}</p>;
  return (
    <aside className="side-panel" aria-label={t('inspector.title')}>
      <div className="side-panel-head">
        <h2>{t('inspector.title')}</h2>
        <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={() => store.session.closePanel()}>
          <Icon name="close" />
        </button>
      </div>
      {/* A viewer reads the details as text (the fields render so); the disabled fieldset is a
          backstop for any control that still shows. */}
      <fieldset className="plain-fieldset" disabled={readOnly}>
        {body}
      </fieldset>
      {card && !selectedLink && !emotion && <CommentOnCard id={card.id} />}
      <datalist id="tp-departments">
        {[...known].sort().map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
    </aside>
  );
}
