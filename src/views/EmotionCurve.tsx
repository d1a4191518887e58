// The emotional curve: one smooth line per persona across the stages, a face at each point. A
// point is a slider: drag it, or focus it and use the arrow keys; a click opens its note. Notes are
// drawn whole, wrapped in their stage's width (any language), stacked when several curves have one
// at a stage, and each point is described by its note for screen readers.
import { useId, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { clampScore, curveSeries } from '../journey/emotions';
import { CURVE_PAD_BOTTOM, CURVE_PAD_TOP, curveColor, curveDash, pointX, scoreY, smoothPath, stageMidX } from '../journey/curve';
import { sortByIndex } from '../journey/order';
import type { EmotionScore } from '../journey/types';
import { useActions, useEditor, useJourney } from '../store/context';
import { useT } from '../i18n';
import { FACE_ICONS, OWNER_ICON } from './marks';
import { Icon } from './Icon';
import { COLORS, CURVE_POINT } from './theme';
import { STAGE_W } from '../journey/layout';

/** A note's box: its stage's width less a margin; lines of 11-px text, about 6 px a character. */
const NOTE_W = STAGE_W - 20;
const NOTE_LINE = 14;
const NOTE_MAX_LINES = 6;
/** With several curves, a note's edge in its curve's colour and line style (colour is never the only sign). */
const NOTE_BORDERS = ['solid', 'dashed', 'dotted', 'double'] as const;
const noteHeight = (note: string) => Math.min(NOTE_MAX_LINES, Math.max(1, Math.ceil((note.length * 6) / (NOTE_W - 12)))) * NOTE_LINE + 6;

interface PlacedNote {
  id: string;
  note: string;
  series: number;
  x: number;
  top: number;
  height: number;
}

/**
 * Where a stage's notes go: under their point, else above it (the band ends, or another curve's note
 * is there); with no room either way, below the note it would overlap, so notes never cover each other.
 */
function placeNotes(notes: { id: string; note: string; series: number; x: number; y: number }[], band: number): PlacedNote[] {
  const placed: PlacedNote[] = [];
  for (const n of [...notes].sort((a, b) => a.y - b.y)) {
    const height = noteHeight(n.note);
    const free = (top: number) => top >= 0 && top + height <= band + 8 && placed.every((p) => top >= p.top + p.height || top + height <= p.top);
    const below = n.y + CURVE_POINT.radius + 4;
    const above = n.y - CURVE_POINT.radius - 4 - height;
    let top = [below, above].find(free) ?? below;
    if (!free(top)) for (const p of placed) if (top < p.top + p.height && top + height > p.top) top = p.top + p.height + 2;
    placed.push({ id: n.id, note: n.note, series: n.series, x: n.x, top, height });
  }
  return placed;
}

export function EmotionCurve({ width, height, interactive = true }: { width: number; height: number; interactive?: boolean }) {
  const t = useT();
  const actions = useActions();
  const { store } = useEditor();
  const emotions = useJourney((j) => j.emotions);
  const stagesMap = useJourney((j) => j.stages);
  const personasMap = useJourney((j) => j.personas);
  const series = curveSeries({ emotions, stages: stagesMap, personas: personasMap });
  const stages = sortByIndex(stagesMap.values());
  const [preview, setPreview] = useState<{ key: string; score: EmotionScore } | null>(null);
  const showLegend = personasMap.size > 1;
  const idBase = useId();
  const noteId = (key: string) => `${idBase}-note-${key}`;
  // Every note, placed stage by stage (scores as shown, a dragged point's too).
  const notes = stages.flatMap((_, i) =>
    placeNotes(
      series.flatMap((serie, si) => {
        const e = serie.points[i];
        if (!e?.note.trim()) return [];
        const score = preview?.key === e.key ? preview.score : e.score;
        return [{ id: noteId(e.key), note: e.note, series: si, x: stageMidX(i), y: scoreY(score, height) }];
      }),
      height,
    ),
  );

  /** Shows a point's score and note in the inspector. */
  const openNote = (stageId: string, personaId: string | null) => store.session.inspectEmotion(stageId, personaId);

  const startDrag = (e: ReactPointerEvent<SVGElement>, stageId: string, personaId: string | null, key: string) => {
    e.stopPropagation();
    const svg = (e.currentTarget as SVGElement).ownerSVGElement!;
    const rect = svg.getBoundingClientRect();
    const toScore = (clientY: number) => {
      const y = ((clientY - rect.top) * height) / rect.height;
      return clampScore(2 - ((y - CURVE_PAD_TOP) / (height - CURVE_PAD_TOP - CURVE_PAD_BOTTOM)) * 4);
    };
    const startY = e.clientY;
    let score: EmotionScore | null = null;
    const move = (ev: PointerEvent) => {
      if (Math.abs(ev.clientY - startY) < 3 && score === null) return;
      score = toScore(ev.clientY);
      setPreview({ key, score });
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      setPreview(null);
      if (score !== null) actions.setEmotion(stageId, personaId, score);
      else openNote(stageId, personaId);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  return (
    <>
    {showLegend && (
      <ul className="emotion-legend" aria-label={t('emotion.legend')}>
        {series.map((serie, si) => (
          <li key={serie.persona?.id ?? 'map'}>
            <svg width={28} height={10} aria-hidden>
              <line x1={0} x2={28} y1={5} y2={5} stroke={curveColor(si)} strokeWidth={CURVE_POINT.line} strokeDasharray={curveDash(si)} />
            </svg>
            {serie.persona && !serie.persona.picture.startsWith('data:') ? serie.persona.picture : <Icon name={OWNER_ICON} />} {serie.persona?.name}
          </li>
        ))}
      </ul>
    )}
    <svg className="emotion-curve nodrag nopan" width={width} height={height} role="group" aria-label={t('emotion.curve')}>
      {[-2, -1, 0, 1, 2].map((s) => (
        <line key={s} x1={0} x2={width} y1={scoreY(s, height)} y2={scoreY(s, height)} className={s === 0 ? 'emotion-axis zero' : 'emotion-axis'} />
      ))}
      {series.map((serie, si) => {
        const color = curveColor(si);
        const pid = serie.persona?.id ?? null;
        const pts = serie.points.flatMap((e, i) => {
          if (!e) return [];
          const key = e.key;
          const score = preview?.key === key ? preview.score : e.score;
          return [{ x: pointX(i, si, series.length), y: scoreY(score, height) }];
        });
        return (
          <g key={pid ?? 'map'}>
            <path className="emotion-line" d={smoothPath(pts)} fill="none" stroke={color} strokeWidth={CURVE_POINT.line} strokeDasharray={curveDash(si)} strokeLinecap="round" />
            {stages.map((stage, i) => {
              const e = serie.points[i];
              // Several curves: spread their points apart so equal scores stay distinct.
              const x = pointX(i, si, series.length);
              const labelLeft = series.length > 1 && si % 2 === 0;
              const who = serie.persona ? ` (${serie.persona.name})` : '';
              if (!e) {
                if (!interactive) return null;
                return (
                  <g
                    key={stage.id}
                    className="emotion-ghost"
                    role="button"
                    tabIndex={0}
                    aria-label={t('emotion.set', { stage: stage.name }) + who}
                    onClick={() => actions.setEmotion(stage.id, pid, 0)}
                    onKeyDown={(ev) => {
                      if (ev.key === 'Enter' || ev.key === ' ') {
                        ev.preventDefault();
                        actions.setEmotion(stage.id, pid, 0);
                      }
                    }}
                  >
                    <circle cx={x} cy={scoreY(0, height) + si * 4} r={11} />
                    <text x={x} y={scoreY(0, height) + si * 4 + 4} textAnchor="middle">+</text>
                  </g>
                );
              }
              const score = preview?.key === e.key ? preview.score : e.score;
              const y = scoreY(score, height);
              return (
                <g
                  key={stage.id}
                  className="emotion-point"
                  role={interactive ? 'slider' : undefined}
                  tabIndex={interactive ? 0 : undefined}
                  aria-label={t('emotion.point', { stage: stage.name }) + who}
                  aria-valuemin={-2}
                  aria-valuemax={2}
                  aria-valuenow={score}
                  aria-valuetext={`${score > 0 ? '+' : ''}${score} ${t(`emotion.score.${score}`)}`}
                  aria-describedby={e.note.trim() ? noteId(e.key) : undefined}
                  onPointerDown={interactive ? (ev) => startDrag(ev, stage.id, pid, e.key) : undefined}
                  onKeyDown={(ev) => {
                    if (!interactive) return;
                    const delta = ev.key === 'ArrowUp' || ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowDown' || ev.key === 'ArrowLeft' ? -1 : 0;
                    if (delta) {
                      ev.preventDefault();
                      ev.stopPropagation();
                      actions.setEmotion(stage.id, pid, clampScore(e.score + delta));
                    } else if (ev.key === 'Enter') {
                      ev.preventDefault();
                      openNote(stage.id, pid);
                    } else if (ev.key === 'Delete' || ev.key === 'Backspace') {
                      ev.preventDefault();
                      actions.clearEmotion(stage.id, pid);
                    }
                  }}
                >
                  <circle cx={x} cy={y} r={CURVE_POINT.radius} fill={COLORS.paper} stroke={color} strokeWidth={CURVE_POINT.ring} />
                  <Icon name={FACE_ICONS[score]} className="emotion-face" size={CURVE_POINT.face} x={x - CURVE_POINT.face / 2} y={y - CURVE_POINT.face / 2} />
                  <text x={labelLeft ? x - CURVE_POINT.labelDx : x + CURVE_POINT.labelDx} y={y + CURVE_POINT.labelDy} textAnchor={labelLeft ? 'end' : 'start'} className="emotion-score">
                    {score > 0 ? `+${score}` : score}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
      {/* Above the lines, under nobody's pointer: a note never takes a point's drag. Read through the point's description. */}
      <g className="emotion-notes" aria-hidden>
        {notes.map((n) => (
          <foreignObject key={n.id} x={n.x - NOTE_W / 2} y={n.top} width={NOTE_W} height={n.height + NOTE_LINE} className="emotion-note">
            <div id={n.id} className={`emotion-note-box${series.length > 1 ? ' is-persona' : ''}`} style={series.length > 1 ? { borderLeftColor: curveColor(n.series), borderLeftStyle: NOTE_BORDERS[n.series % NOTE_BORDERS.length] } : undefined}>
              {n.note}
            </div>
          </foreignObject>
        ))}
      </g>
    </svg>
    </>
  );
}
