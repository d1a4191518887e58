// The whole map drawn as plain positioned HTML (no canvas, no virtualisation), for pictures and
// print: a header with title, scenario and personas, the grid of stages and lanes with every card,
// links and the emotional curve, and a legend of kinds and marks. `stages` limits it to a range, so
// print can split a wide map across pages with the lane headers repeated on each.
import { useMemo } from 'react';
import { COLORS, POSTER_SIZES } from '../views/theme';
import { STAGE_W, layoutJourney } from '../journey/layout';
import { linkRoute } from '../journey/linkRoute';
import { sortByIndex } from '../journey/order';
import type { Journey } from '../journey/types';
import type { Translate } from '../i18n';
import { CardFace, cardClassName } from '../views/CardFace';
import { EmotionCurve } from '../views/EmotionCurve';
import { CARD_KIND_ICONS, LANE_ICONS, MOT_ICON, OWNER_ICON, SEVERITY_ICONS } from '../views/marks';
import { Icon } from '../views/Icon';

/** The poster's lane column and stage row, as the SVG poster draws them (one definition, the theme). */
export const POSTER_LANE_W = POSTER_SIZES.laneW;
export const POSTER_STAGE_H = POSTER_SIZES.stageH;

interface Props {
  journey: Journey;
  t: Translate;
  /** Stage positions [from, to) to draw; all when omitted. */
  stages?: [number, number];
  transparent?: boolean;
}

export function MapPoster({ journey, t, stages, transparent }: Props) {
  const grid = useMemo(() => layoutJourney(journey), [journey]);
  const [from, to] = stages ?? [0, grid.columns.length];
  const columns = grid.columns.slice(from, to);
  const offset = from * STAGE_W;
  const width = columns.length * STAGE_W;
  const personas = sortByIndex(journey.personas.values());
  const shown = (id: string) => {
    const slot = grid.slots.get(id);
    return !!slot && slot.x >= offset && slot.x < offset + width;
  };
  return (
    <div className={`poster${transparent ? ' is-transparent' : ''}`} style={{ width: POSTER_LANE_W + width }}>
      <header className="poster-head">
        <div>
          <h1>{journey.meta.title || t('map.untitled')}</h1>
          {journey.meta.scenario && (
            <p>
              <strong>{t('map.scenario')}:</strong> {journey.meta.scenario}
            </p>
          )}
        </div>
        <span className={`variant-badge ${journey.meta.variant === 'future' ? 'is-future' : 'is-current'}`}>
          <Icon name={journey.meta.variant === 'future' ? 'future' : 'mapPin'} /> {t(journey.meta.variant === 'future' ? 'map.future' : 'map.current')}
        </span>
        <ul className="poster-personas">
          {personas.map((p) => (
            <li key={p.id}>
              {p.picture.startsWith('data:image/') ? <img src={p.picture} alt="" width={28} height={28} /> : <span className="avatar">{p.picture || <Icon name={OWNER_ICON} />}</span>} {p.name}
            </li>
          ))}
        </ul>
      </header>
      <div className="poster-grid" style={{ width: POSTER_LANE_W + width, height: POSTER_STAGE_H + grid.height }}>
        {columns.map((c, i) => (
          <div key={c.stage.id} className="poster-stage" style={{ left: POSTER_LANE_W + i * STAGE_W, width: STAGE_W, height: POSTER_STAGE_H }}>
            <span className="stage-number">{from + i + 1}</span> {c.stage.name}
          </div>
        ))}
        {grid.rows.map((r) => (
          <div key={r.lane.id} className={`poster-lane lane-header-inner lane-${r.lane.kind}`} style={{ top: POSTER_STAGE_H + r.y, height: r.height, width: POSTER_LANE_W }}>
            <span>
              <Icon name={LANE_ICONS[r.lane.kind]} /> {r.lane.name}
            </span>
          </div>
        ))}
        <div className="poster-body" style={{ left: POSTER_LANE_W, top: POSTER_STAGE_H, width, height: grid.height }}>
          <div style={{ position: 'absolute', left: -offset, top: 0, width: grid.width, height: grid.height }}>
            {grid.rows.map((r) =>
              r.lane.kind === 'emotions' && !r.lane.collapsed ? (
                <div key={r.lane.id} className="band-emotions" style={{ position: 'absolute', top: r.y, left: 0, width: grid.width, height: r.height }}>
                  <EmotionCurve width={grid.width} height={r.height} interactive={false} />
                </div>
              ) : (
                columns.map((c) => <div key={`${c.stage.id}|${r.lane.id}`} className={`cell lane-${r.lane.kind}`} style={{ position: 'absolute', left: c.x, top: r.y, width: STAGE_W, height: r.height }} />)
              ),
            )}
            <svg className="poster-links" width={grid.width} height={grid.height}>
              <defs>
                <marker id="poster-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                  <path d="M 0 0 L 10 5 L 0 10 z" fill={COLORS.link} />
                </marker>
              </defs>
              {[...journey.links.values()].map((link) => {
                const a = grid.slots.get(link.from);
                const b = grid.slots.get(link.to);
                if (!a || !b || !(shown(link.from) || shown(link.to))) return null;
                const d = linkRoute(a, b);
                return (
                  <g key={link.id}>
                    <path d={d.path} fill="none" stroke={COLORS.link} strokeWidth={2} markerEnd="url(#poster-arrow)" />
                    {link.label && (
                      <text x={d.labelX} y={d.labelY} textAnchor="middle" className="poster-link-label">
                        {link.label}
                      </text>
                    )}
                  </g>
                );
              })}
            </svg>
            {[...grid.slots.values()].map((slot) =>
              shown(slot.card.id) ? (
                <div key={slot.card.id} className={cardClassName(slot.card)} style={{ position: 'absolute', left: slot.x, top: slot.y }}>
                  <CardFace card={slot.card} t={t} />
                </div>
              ) : null,
            )}
          </div>
        </div>
      </div>
      <footer className="poster-legend">
        {(['note', 'touchpoint', 'gap', 'opportunity', 'metric'] as const).map((kind) => (
          <span key={kind} className={`legend-item card-${kind}`}>
            <span className="legend-swatch" /> <Icon name={CARD_KIND_ICONS[kind]} /> {t(`card.kind.${kind}`)}
          </span>
        ))}
        <span className="legend-item">
          <span className="legend-mot"><Icon name={MOT_ICON} /></span> {t('card.momentOfTruth')}
        </span>
        {([1, 2, 3] as const).map((s) => (
          <span key={s} className={`badge badge-sev-${s}`}>
            <Icon name={SEVERITY_ICONS[s]} /> {t(`card.severity.${s}`)}
          </span>
        ))}
      </footer>
    </div>
  );
}
