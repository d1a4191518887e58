// The map drawn as plain positioned HTML (no canvas, no virtualisation), for print: a header with
// title, scenario and personas (or, on a page of a split print, a running head with the map's name
// and the page number), the grid of stages and lanes with every card, links and the emotional
// curve with its notes whole, and a legend. `stages` and `lanes` limit it to a range, so print can
// split a map across pages with the stage and lane headers repeated on each (printPlan). The layers
// chosen in the Export menu are drawn as on screen: survey badges and heat, the department lens
// (colours, tags, unowned moments of truth, hand-offs), and open-loop marks.
import { useMemo } from 'react';
import { COLORS, POSTER_SIZES } from '../views/theme';
import { CARD_W, STAGE_W, layoutJourney } from '../journey/layout';
import { crossingAt, linkRoute, visibilityLineBetween } from '../journey/linkRoute';
import { crossesLineOfVisibility } from '../journey/blueprint';
import { departmentColors, handoffs } from '../journey/loops';
import { sortByIndex } from '../journey/order';
import { heatFill, latestFigures, stageTarget, touchpointTarget } from '../journey/voc/onMap';
import type { Card, Journey } from '../journey/types';
import type { Translate } from '../i18n';
import { CardFace, cardClassName } from '../views/CardFace';
import { EmotionCurve } from '../views/EmotionCurve';
import { LensTag, lensClass, lensLook, lensStyle } from '../views/LensTag';
import { VocBadges } from '../views/VocBadges';
import { CARD_KIND_ICONS, LANE_ICONS, MOT_ICON, OWNER_ICON, SEVERITY_ICONS } from '../views/marks';
import { Icon } from '../views/Icon';
import { NO_LAYERS, type LayerData, type PictureLayers } from './layers';
import { printLegend, type LegendGroup, type LegendItem } from './printLegend';
import { PrintCurveNotes } from './PrintCurveNotes';
import { PrintBlueprintLines } from './PrintBlueprintLines';

/** The poster's lane column and stage row, as the SVG poster draws them (one definition, the theme). */
export const POSTER_LANE_W = POSTER_SIZES.laneW;
export const POSTER_STAGE_H = POSTER_SIZES.stageH;

const DAY = 86_400_000;
const NO_DATA: LayerData = { figures: new Map(), now: 0 };

interface Props {
  journey: Journey;
  t: Translate;
  /** Stage positions [from, to) to draw; all when omitted. */
  stages?: [number, number];
  /** Lane positions [from, to) to draw; all when omitted. */
  lanes?: [number, number];
  transparent?: boolean;
  layers?: PictureLayers;
  layerData?: LayerData;
  /** The legend (printLegend), when the host has it already. */
  legend?: LegendGroup[];
  /** A page of a split print: a running head (name, what the page holds, its number) instead of the header. */
  page?: { number: number; of: number };
}

/** An open gap's or opportunity's mark: "Open for 43 days · Customer care", or "· no owner" with a warning icon. */
function LoopMark({ card, now, t }: { card: Extract<Card, { kind: 'gap' | 'opportunity' }>; now: number; t: Translate }) {
  const status = t(`status.${card.status}`);
  const owner = card.owner.trim();
  const age = card.statusChangedAt ? t('layers.loopAge', { status, days: Math.max(0, Math.floor((now - card.statusChangedAt) / DAY)) }) : status;
  return (
    <div className="card-footer loop-mark">
      <span className={`status status-${card.status}`}>
        <Icon name="clock" /> {age}
      </span>
      <span className={owner ? 'loop-owner' : 'loop-owner is-none'}>
        {'· '}
        {owner || (
          <>
            <Icon name="warning" /> {t('layers.noOwner')}
          </>
        )}
      </span>
    </div>
  );
}

function LegendEntry({ item }: { item: LegendItem }) {
  switch (item.type) {
    case 'kind':
      return (
        <span className={`legend-item card-${item.kind}`}>
          <span className="legend-swatch" /> <Icon name={CARD_KIND_ICONS[item.kind]} /> {item.text}
        </span>
      );
    case 'mot':
      return (
        <span className="legend-item">
          <span className="legend-mot">
            <Icon name={MOT_ICON} />
          </span>{' '}
          {item.text}
        </span>
      );
    case 'severity':
      return (
        <span className={`badge badge-sev-${item.level}`}>
          <Icon name={SEVERITY_ICONS[item.level]} /> {item.text}
        </span>
      );
    case 'department':
      return (
        <span className="legend-item">
          <span className="lens-swatch" style={{ background: item.color }} /> {item.text}
        </span>
      );
    case 'noDepartment':
      return (
        <span className="legend-item">
          <span className="lens-swatch is-none" /> {item.text}
        </span>
      );
    case 'unowned':
      return (
        <span className="legend-item legend-unowned">
          <Icon name="warning" /> {item.text}
        </span>
      );
    case 'handoffs':
      return (
        <span className="legend-item">
          <Icon name="repeat" /> {item.text}
        </span>
      );
    case 'heat':
      return (
        <span className="legend-item">
          <span className="heat-scale" /> {item.text}
        </span>
      );
    case 'smallSample':
      return (
        <span className="legend-item">
          <span className="voc-badge is-small">n&lt;30 ⚠</span> {item.text}
        </span>
      );
  }
}

export function MapPoster({ journey, t, stages, lanes, transparent, layers = NO_LAYERS, layerData = NO_DATA, legend, page }: Props) {
  const grid = useMemo(() => layoutJourney(journey), [journey]);
  const colors = useMemo(() => departmentColors(journey.cards), [journey.cards]);
  const [from, to] = stages ?? [0, grid.columns.length];
  const [laneFrom, laneTo] = lanes ?? [0, grid.rows.length];
  const columns = grid.columns.slice(from, to);
  const rows = grid.rows.slice(laneFrom, laneTo);
  const offset = from * STAGE_W;
  const width = columns.length * STAGE_W;
  const top = rows[0]?.y ?? 0;
  const height = rows.reduce((h, r) => h + r.height, 0);
  const personas = sortByIndex(journey.personas.values());
  const groups = legend ?? printLegend(journey, t, layers);
  const inView = (x: number, y: number) => x >= offset && x < offset + width && y >= top && y < top + height;
  const shown = (id: string) => {
    const slot = grid.slots.get(id);
    return !!slot && inView(slot.x, slot.y);
  };
  const route = (a: string, b: string) => {
    const p = grid.slots.get(a);
    const q = grid.slots.get(b);
    return p && q && (shown(a) || shown(b)) ? linkRoute(p, q) : null;
  };
  const handoffList = layers.lens ? handoffs(journey) : [];
  const variant = (
    <span className={`variant-badge ${journey.meta.variant === 'future' ? 'is-future' : 'is-current'}`}>
      <Icon name={journey.meta.variant === 'future' ? 'future' : 'mapPin'} /> {t(journey.meta.variant === 'future' ? 'map.future' : 'map.current')}
    </span>
  );
  const range = (key: 'print.stages' | 'print.lanes', a: number, b: number, n: number) => (key === 'print.stages' && b - a === 1 ? t('print.stage', { from: a + 1, n }) : t(key, { from: a + 1, to: b, n }));
  return (
    <div className={`poster${transparent ? ' is-transparent' : ''}${page ? ' is-page' : ''}`} style={page ? undefined : { width: POSTER_LANE_W + width }}>
      {page ? (
        <header className="print-running-head">
          <strong className="print-title">{journey.meta.title || t('map.untitled')}</strong>
          {variant}
          {journey.meta.scenario && <span className="print-scenario">{journey.meta.scenario}</span>}
          <span className="print-where">
            {range('print.stages', from, to, grid.columns.length)}
            {(laneFrom > 0 || laneTo < grid.rows.length) && ` · ${range('print.lanes', laneFrom, laneTo, grid.rows.length)}`}
          </span>
          <span className="print-page-number">{t('print.page', { page: page.number, pages: page.of })}</span>
        </header>
      ) : (
        <header className="poster-head">
          <div>
            <h1>{journey.meta.title || t('map.untitled')}</h1>
            {journey.meta.scenario && (
              <p>
                <strong>{t('map.scenario')}:</strong> {journey.meta.scenario}
              </p>
            )}
          </div>
          {variant}
          <ul className="poster-personas">
            {personas.map((p) => (
              <li key={p.id}>
                {p.picture.startsWith('data:image/') ? <img src={p.picture} alt="" width={28} height={28} /> : <span className="avatar">{p.picture || <Icon name={OWNER_ICON} />}</span>} {p.name}
              </li>
            ))}
          </ul>
        </header>
      )}
      <div className="poster-grid" style={{ width: POSTER_LANE_W + width, height: POSTER_STAGE_H + height }}>
        {columns.map((c, i) => {
          const figures = layers.survey ? latestFigures(layerData.figures, stageTarget(c.stage.id)) : [];
          const fill = figures.length ? heatFill(figures) : undefined;
          return (
            <div key={c.stage.id} className="poster-stage" style={{ left: POSTER_LANE_W + i * STAGE_W, width: STAGE_W, height: POSTER_STAGE_H, ...(fill ? { background: fill } : {}) }}>
              <span className="stage-number">{from + i + 1}</span>
              {/* The name whole on its line, the stage's survey figure under it (as the canvas's header). */}
              <span className="poster-stage-title">
                <span className="poster-stage-name">{c.stage.name}</span>
                {figures.length > 0 && <VocBadges figures={figures} t={t} max={1} />}
              </span>
            </div>
          );
        })}
        {rows.map((r) => (
          <div key={r.lane.id} className={`poster-lane lane-header-inner lane-${r.lane.kind}`} style={{ top: POSTER_STAGE_H + r.y - top, height: r.height, width: POSTER_LANE_W }}>
            <span>
              <Icon name={LANE_ICONS[r.lane.kind]} /> {r.lane.name}
            </span>
          </div>
        ))}
        <div className="poster-body" style={{ left: POSTER_LANE_W, top: POSTER_STAGE_H, width, height }}>
          <div style={{ position: 'absolute', left: -offset, top: -top, width: grid.width, height: grid.height }}>
            {rows.map((r) =>
              r.lane.kind === 'emotions' && !r.lane.collapsed ? (
                <div key={r.lane.id} className="band-emotions" style={{ position: 'absolute', top: r.y, left: 0, width: grid.width, height: r.height }}>
                  <EmotionCurve width={grid.width} height={r.height} interactive={false} />
                  <PrintCurveNotes journey={journey} height={r.height} from={from} to={to} />
                </div>
              ) : (
                columns.map((c) => <div key={`${c.stage.id}|${r.lane.id}`} className={`cell lane-${r.lane.kind}`} style={{ position: 'absolute', left: c.x, top: r.y, width: STAGE_W, height: r.height }} />)
              ),
            )}
            <PrintBlueprintLines rows={grid.rows} width={grid.width} left={offset} top={top} bottom={top + height} t={t} />
            <svg className="poster-links" width={grid.width} height={grid.height}>
              <defs>
                <marker id="poster-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse">
                  <path d="M 0 0 L 10 5 L 0 10 z" fill={COLORS.link} />
                </marker>
              </defs>
              {[...journey.links.values()].map((link) => {
                const d = route(link.from, link.to);
                if (!d) return null;
                // Across the line of visibility: dashed, with a ring where it crosses (as on the canvas).
                const from = journey.cards.get(link.from);
                const to = journey.cards.get(link.to);
                const crosses = !!from && !!to && crossesLineOfVisibility(journey, from, to);
                const lineY = crosses && from && to ? visibilityLineBetween(grid.rows, from.laneId, to.laneId) : null;
                const ring = lineY === null ? null : crossingAt(d.points, lineY);
                return (
                  <g key={link.id}>
                    <path d={d.path} fill="none" stroke={COLORS.link} strokeWidth={2} strokeDasharray={crosses ? '7 4' : undefined} markerEnd="url(#poster-arrow)" />
                    {ring && <circle cx={ring.x} cy={ring.y} r={4.5} fill={COLORS.paper} stroke={COLORS.link} strokeWidth={2} />}
                    {link.label && (
                      <text x={d.labelX} y={d.labelY} textAnchor="middle" className="poster-link-label">
                        {link.label}
                      </text>
                    )}
                  </g>
                );
              })}
              {handoffList.map(({ from: a, to: b }) => {
                const d = route(a.id, b.id);
                return d && <path key={`${a.id}->${b.id}`} d={d.path} fill="none" className="handoff" markerEnd="url(#poster-arrow)" />;
              })}
            </svg>
            {[...grid.slots.values()].map((slot) => {
              if (!shown(slot.card.id)) return null;
              const card = slot.card;
              const figures = layers.survey && card.kind === 'touchpoint' ? latestFigures(layerData.figures, touchpointTarget(card.id)) : [];
              const fill = figures.length ? heatFill(figures) : undefined;
              const look = layers.lens ? lensLook(card, (d) => colors.get(d)) : null;
              const loop = layers.loops && (card.kind === 'gap' || card.kind === 'opportunity') && card.status !== 'done' ? card : null;
              return (
                <div
                  key={card.id}
                  className={`${cardClassName(card)}${look ? lensClass(look) : ''}${loop ? ' has-loop-mark' : ''}`}
                  style={{ position: 'absolute', left: slot.x, top: slot.y, ...(look ? lensStyle(look) : {}), ...(fill ? { background: fill } : {}) }}
                >
                  {look && <LensTag look={look} t={t} />}
                  <CardFace card={card} t={t} figures={figures.length ? <VocBadges figures={figures} t={t} max={1} /> : undefined} />
                  {loop && <LoopMark card={loop} now={layerData.now} t={t} />}
                </div>
              );
            })}
            {handoffList.map(({ from: a, to: b }) => {
              const p = grid.slots.get(a.id);
              const q = grid.slots.get(b.id);
              // As on screen: the label above the two cards, over them (the gap between stages is
              // narrow); on the page of the card handed to, held inside the page when the hand-off
              // comes from the page before.
              if (!p || !q || !shown(b.id)) return null;
              const middle = (p.x + q.x) / 2 + CARD_W / 2;
              const held = middle - CARD_W / 2 < offset;
              return (
                <div
                  key={`label:${a.id}->${b.id}`}
                  className={`link-label handoff-label print-handoff-label${held ? ' is-held' : ''}`}
                  style={{ left: held ? offset + 4 : middle, top: Math.min(p.y, q.y) - 4 }}
                >
                  <Icon name="repeat" /> {a.department} → {b.department}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <footer className="poster-legend">
        {groups.map((g, i) => (
          <div key={i} className="poster-legend-group">
            {g.title && <strong className="poster-legend-title">{g.title}</strong>}
            {g.items.map((item, j) => (
              <LegendEntry key={j} item={item} />
            ))}
          </div>
        ))}
      </footer>
    </div>
  );
}
