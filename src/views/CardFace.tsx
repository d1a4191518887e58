// What a card shows, wherever it is drawn (the canvas, an exported picture, the print layout): its
// kind, its marks (channel, moment of truth, severity, priority, metric), its text and its footer.
import type { ReactNode } from 'react';
import type { Card } from '../journey/types';
import type { Translate } from '../i18n';
import { CARD_KIND_ICONS, CHANNEL_ICONS, DEPARTMENT_ICON, METRIC_ICON, MOT_ICON, OWNER_ICON, SEVERITY_ICONS, STATUS_ICONS } from './marks';
import { Icon } from './Icon';

export function cardLabel(t: Translate, card: Card): string {
  const kind = t(`card.kind.${card.kind}` as never);
  const parts = [kind];
  if (card.kind === 'touchpoint' && card.momentOfTruth) parts.push(t('card.momentOfTruth'));
  if (card.kind === 'gap') parts.push(t(`card.severity.${card.severity}` as never));
  return `${parts.join(', ')}: ${card.text.trim() || t('card.empty')}`;
}

function Badges({ card, t }: { card: Card; t: Translate }) {
  switch (card.kind) {
    case 'touchpoint':
      return (
        <>
          <span className="badge badge-channel">
            <Icon name={CHANNEL_ICONS[card.channel]} /> {t(`channel.${card.channel}` as never)}
          </span>
        </>
      );
    case 'gap':
      return (
        <span className={`badge badge-severity sev-${card.severity}`}>
          <Icon name={SEVERITY_ICONS[card.severity]} /> {t(`severity.short.${card.severity}` as never)}
        </span>
      );
    case 'opportunity':
      return (
        <span className={`badge badge-priority prio-${card.priority}`}>
          {t(`priority.${card.priority}` as never)}
        </span>
      );
    case 'metric':
      return (
        <span className="badge badge-metric">
          <Icon name={METRIC_ICON} /> {card.metric === 'other' ? t('metric.other') : card.metric}
        </span>
      );
    case 'note':
      return null;
  }
}

function Footer({ card, t }: { card: Card; t: Translate }) {
  if (card.kind === 'touchpoint' && card.department) return <div className="card-footer"><Icon name={DEPARTMENT_ICON} /> {card.department}</div>;
  if (card.kind === 'metric') {
    return (
      <div className="card-footer card-metric">
        <strong>{card.value ?? '—'}</strong>
        <span>{card.sampleSize != null ? t('metric.sample', { n: card.sampleSize }) : t('metric.noSample')}</span>
      </div>
    );
  }
  if (card.kind === 'gap' || card.kind === 'opportunity') {
    return (
      <div className="card-footer">
        <span className={card.owner ? '' : 'muted'}><Icon name={OWNER_ICON} /> {card.owner || t('card.noOwner')}</span>
        <span className={`status status-${card.status}`}>
          <Icon name={STATUS_ICONS[card.status]} /> {t(`status.${card.status}` as never)}
        </span>
      </div>
    );
  }
  return null;
}


/**
 * The inside of a card; `body` replaces the text (the canvas puts its editor there), `figures` sits
 * at the end of the top row (a touchpoint's survey badge), so the text keeps its lines.
 */
export function CardFace({ card, t, body, figures }: { card: Card; t: Translate; body?: ReactNode; figures?: ReactNode }) {
  const mot = card.kind === 'touchpoint' && card.momentOfTruth;
  return (
    <>
      {mot && (
        <div className="card-mot-strip">
          <Icon name={MOT_ICON} /> {t('card.momentOfTruth')}
        </div>
      )}
      <div className="card-top">
        <span className="card-kind" title={t(`card.kind.${card.kind}` as never)} aria-hidden>
          <Icon name={CARD_KIND_ICONS[card.kind]} />
        </span>
        <Badges card={card} t={t} />
        {figures}
      </div>
      {body ?? <div className={`card-text${card.text ? '' : ' muted'}`}>{card.text || t('card.placeholder')}</div>}
      <Footer card={card} t={t} />
    </>
  );
}

export const cardClassName = (card: Card) => `card card-${card.kind}${card.kind === 'touchpoint' && card.momentOfTruth ? ' card-mot' : ''}`;
