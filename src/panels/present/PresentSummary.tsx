// The presented stage's summary, beside the zoomed stage: its number and whole name, its goal and
// how the customer feels there and its survey figures (each with its sample size and quarter); then
// the touchpoints (moments of truth first, each with its figures) and what customers said, beside
// the pain points and the opportunities. Drawn from stageSummary(); sized to be read from the back
// of a room (styles.css, "presenting").
import type { ReactNode } from 'react';
import type { LatestFigure } from '../../journey/voc/onMap';
import { SCORE_RANGES, sampleFlag } from '../../journey/voc/scores';
import { formatNumber, formatSigned, useLocale, useT, type Translate } from '../../i18n';
import { CHANNEL_ICONS, FACE_ICONS, MOT_ICON, SEVERITY_ICONS, STATUS_ICONS } from '../../views/marks';
import { formatFigure } from '../../views/figures';
import { Icon } from '../../views/Icon';
import { VocBadges } from '../../views/VocBadges';
import type { StageSummary, SummaryQuote } from './stageSummary';

function Section({ title, icon, className, children }: { title: string; icon: Parameters<typeof Icon>[0]['name']; className: string; children: ReactNode }) {
  return (
    <section className={`present-section ${className}`} aria-label={title}>
      <h3>
        <Icon name={icon} /> {title}
      </h3>
      {children}
    </section>
  );
}

/** A stage's figure as a slide shows a key figure: large, with its sample size, its quarter and its change. */
function FigureTile({ figure: f, t }: { figure: LatestFigure; t: Translate }) {
  const locale = useLocale((s) => s.locale);
  const small = sampleFlag(f.n) !== 'ok';
  const value = formatFigure(f.metric, f.value, locale);
  const change = f.change !== null && f.change !== 0 ? f.change : null;
  const said = [t('voc.badge', { metric: f.metric, value, n: f.n, quarter: f.quarter })];
  if (small) said.push(t('voc.smallSample'));
  if (change !== null) said.push(t('voc.change', { change: formatSigned(locale, change) }));
  return (
    <li className={`present-tile${small ? ' is-small' : ''}`} role="img" aria-label={said.join(' · ')} title={said.join(' · ')}>
      <span className="present-tile-metric" aria-hidden>
        {f.metric}
        {change !== null && (
          <span className={change > 0 ? 'voc-up' : 'voc-down'}>
            {change > 0 ? '▲' : '▼'}
            {formatNumber(locale, Math.abs(change))}
          </span>
        )}
      </span>
      <strong className="present-tile-value" aria-hidden>
        {value}
      </strong>
      <span className="present-tile-n" aria-hidden>
        n={formatNumber(locale, f.n)}
        {small && ' ⚠'} · {f.quarter}
      </span>
    </li>
  );
}

function Quote({ quote, t }: { quote: SummaryQuote; t: Translate }) {
  const v = quote.verbatim;
  return (
    <li>
      <blockquote>
        <q>{v.text}</q>{' '}
        <span className="present-quote-source">
          — <span className="present-quote-score">{t('present.quoteScore', { metric: v.metric, score: v.score, max: SCORE_RANGES[v.metric].max })}</span>
          {quote.about && ` · ${quote.about.text}`}
          {v.segment && ` · ${v.segment}`}
        </span>
      </blockquote>
    </li>
  );
}

export function PresentSummary({ summary, position, total }: { summary: StageSummary; position: number; total: number }) {
  const t = useT();
  const { stage, stageFigures, touchpoints, quotes, quoteQuarter, gaps, opportunities, feelings } = summary;
  // One quote per touchpoint line is enough when the stage has one touchpoint: its name would repeat.
  const named = touchpoints.length > 1;
  return (
    <div className="present-summary">
      <header className="present-head">
        <p className="present-eyebrow">{t('present.position', { n: position + 1, total })}</p>
        <h2>
          <span className="stage-number" aria-hidden>
            {position + 1}
          </span>
          <span className="present-title">{stage.name || t('stage.untitled')}</span>
        </h2>
        {stage.goal && <p className="present-goal">{stage.goal}</p>}
        {(feelings.length > 0 || stageFigures.length > 0) && (
          <div className="present-kpis">
            {feelings.length > 0 && (
              <ul className="present-feelings" aria-label={t('present.feeling')}>
                {feelings.map(({ persona, point }) => (
                  <li key={point.key} className={`present-feeling feeling-${point.score < 0 ? 'low' : point.score > 0 ? 'high' : 'even'}`}>
                    <Icon name={FACE_ICONS[point.score]} size={24} />
                    <span>
                      <strong>{t(`emotion.score.${point.score}`)}</strong>
                      {persona && <span className="present-muted"> · {persona.name}</span>}
                      {point.note && <span className="present-feeling-note">{point.note}</span>}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {stageFigures.length > 0 && (
              <ul className="present-tiles" aria-label={t('present.survey')}>
                {[...stageFigures]
                  .sort((a, b) => b.n - a.n)
                  .map((f) => (
                    <FigureTile key={f.metric} figure={f} t={t} />
                  ))}
              </ul>
            )}
          </div>
        )}
      </header>

      {summary.empty && <p className="present-empty">{t('present.empty')}</p>}

      <div className="present-columns">
        {touchpoints.length > 0 && (
          <Section title={t('present.touchpoints')} icon="mapPin" className="present-touchpoints">
            <ul>
              {touchpoints.map(({ card, figures }) => (
                <li key={card.id} className={card.momentOfTruth ? 'is-moment' : undefined}>
                  {card.momentOfTruth && (
                    <span className="present-moment">
                      <Icon name={MOT_ICON} /> {t('card.momentOfTruth')}
                    </span>
                  )}
                  <span>
                    <span className="present-item-text">
                      <Icon name={CHANNEL_ICONS[card.channel]} /> {card.text}
                    </span>
                    <span className="present-item-meta">
                      {' · '}
                      {t(`channel.${card.channel}`)}
                      {card.department ? ` · ${card.department}` : ''}
                    </span>
                  </span>
                  <VocBadges figures={figures} t={t} />
                </li>
              ))}
            </ul>
          </Section>
        )}
        {quotes.length > 0 && (
          <Section title={quoteQuarter ? t('present.quotesIn', { quarter: quoteQuarter }) : t('present.quotes')} icon="chat" className="present-quotes">
            <ul>
              {quotes.map((q) => (
                <Quote key={q.verbatim.id} quote={named ? q : { ...q, about: null }} t={t} />
              ))}
            </ul>
          </Section>
        )}
        {gaps.length > 0 && (
          <Section title={t('present.painPoints')} icon="warning" className="present-gaps">
            <ul>
              {gaps.map((c) => (
                <li key={c.id}>
                  <span className={`badge badge-sev-${c.severity}`}>
                    <Icon name={SEVERITY_ICONS[c.severity]} /> {t(`severity.short.${c.severity}`)}
                  </span>
                  <span className="present-item-text">{c.text}</span>
                  <span className="present-item-meta">
                    {c.owner || t('card.noOwner')} · <Icon name={STATUS_ICONS[c.status]} /> {t(`status.${c.status}`)}
                  </span>
                </li>
              ))}
            </ul>
          </Section>
        )}
        {opportunities.length > 0 && (
          <Section title={t('present.opportunities')} icon="lightbulb" className="present-opportunities">
            <ul>
              {opportunities.map((c) => (
                <li key={c.id}>
                  <span className={`badge badge-prio-${c.priority}`}>{t(`priority.${c.priority}`)}</span>
                  <span className="present-item-text">{c.text}</span>
                  <span className="present-item-meta">
                    {c.owner || t('card.noOwner')} · <Icon name={STATUS_ICONS[c.status]} /> {t(`status.${c.status}`)}
                  </span>
                </li>
              ))}
            </ul>
          </Section>
        )}
      </div>
    </div>
  );
}
