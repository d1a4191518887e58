// What a card shows, wherever it is drawn (the canvas, an exported picture, the print layout): its
// kind, its marks, its text and its footer, as its kind declares them (src/journey/cards): this
// file draws any kind and knows none.
import type { ReactNode } from 'react';
import { defOf, evidenceMark, type Card, type Face, type Mark } from '../journey/cards';
import { useFormat, type Translate } from '../i18n';
import { wordsText } from './words';
import { Icon } from './Icon';

/**
 * What a screen reader hears for a card: its kind, its marks, its evidence and its text, then where
 * it is (stage, lane) when given: a card read lane by lane or in a list says its stage too.
 */
export function cardLabel(t: Translate, card: Card, where?: { stage: string; lane: string }): string {
  const def = defOf(card);
  const evidence = evidenceMark(card);
  const parts = [t(def.name), ...def.face(card).says.map((w) => wordsText(t, w)), ...(evidence ? [t('evidence.says', { source: wordsText(t, evidence.words) })] : [])];
  const label = `${parts.join(', ')}: ${card.text.trim() || t('card.empty')}`;
  return where ? t('card.where', { label, stage: where.stage, lane: where.lane }) : label;
}

function Badge({ mark, t, className = '' }: { mark: Mark; t: Translate; className?: string }) {
  return (
    <span className={`badge badge-${mark.tone}${className}`}>
      <Icon name={mark.icon} /> {wordsText(t, mark.words)}
    </span>
  );
}

function Footer({ face, t }: { face: Face; t: Translate }) {
  const format = useFormat();
  const footer = face.footer;
  if (!footer) return null;
  switch (footer.layout) {
    case 'line':
      return (
        <div className="card-footer">
          <Icon name={footer.icon} /> {wordsText(t, footer.words)}
        </div>
      );
    case 'figure':
      return (
        <div className="card-footer card-metric">
          <strong>{wordsText(t, footer.value, format.number)}</strong>
          <span>{wordsText(t, footer.caption, format.number)}</span>
        </div>
      );
    case 'loop':
      return (
        <div className="card-footer">
          <span className={footer.owner ? '' : 'muted'}>
            <Icon name="user" /> {footer.owner || t('card.noOwner')}
          </span>
          <span className={`status ${footer.status.tone}`}>
            <Icon name={footer.status.icon} /> {wordsText(t, footer.status.words)}
          </span>
        </div>
      );
  }
}

/**
 * The inside of a card; `body` replaces the text (the canvas puts its editor there), `figures` sits
 * at the end of the top row (a touchpoint's survey badge), so the text keeps its lines.
 */
export function CardFace({ card, t, body, figures }: { card: Card; t: Translate; body?: ReactNode; figures?: ReactNode }) {
  const def = defOf(card);
  const face = def.face(card);
  const evidence = evidenceMark(card);
  return (
    <>
      {face.strip && (
        <div className={`card-strip card-strip-${face.strip.tone}`}>
          <Icon name={face.strip.icon} /> {wordsText(t, face.strip.words)}
        </div>
      )}
      <div className="card-top">
        <span className="card-kind" title={t(def.name)} aria-hidden>
          <Icon name={def.icon} />
        </span>
        {face.badge && <Badge mark={face.badge} t={t} />}
        {evidence && <Badge mark={evidence} t={t} className=" badge-evidence" />}
        {figures}
      </div>
      {body ?? <div className={`card-text${card.text ? '' : ' muted'}`}>{card.text || t('card.placeholder')}</div>}
      <Footer face={face} t={t} />
    </>
  );
}

export const cardClassName = (card: Card) => ['card', `card-${card.kind}`, ...defOf(card).face(card).classes].join(' ');
