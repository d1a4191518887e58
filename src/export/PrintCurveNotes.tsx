// The emotional curve's notes in print, whole: on screen a note is cut to a line under its point
// (a click opens it); on paper nobody can click, so each stage's notes are set as wrapped text in
// the stage's column, under its lowest point or over its highest, wherever the band has more room,
// in any language. The curve itself is the app's EmotionCurve; its cut notes are hidden in print.
import { curveSeries } from '../journey/emotions';
import { curveColor, curveDash, scoreY } from '../journey/curve';
import { STAGE_W } from '../journey/layout';
import type { Journey } from '../journey/types';
import { CURVE_POINT } from '../views/theme';

/** Room between a point's ring and its note. */
const CLEAR = CURVE_POINT.radius + 6;

export function PrintCurveNotes({ journey, height, from, to }: { journey: Pick<Journey, 'personas' | 'stages' | 'emotions'>; height: number; from: number; to: number }) {
  const series = curveSeries(journey);
  const several = series.length > 1;
  const blocks = [];
  for (let i = from; i < to; i++) {
    const notes = series.flatMap((serie, si) => {
      const e = serie.points[i];
      return e ? [{ si, note: e.note.trim(), y: scoreY(e.score, height), who: serie.persona?.name ?? '' }] : [];
    });
    const written = notes.filter((n) => n.note);
    if (!written.length) continue;
    const top = Math.min(...notes.map((n) => n.y));
    const bottom = Math.max(...notes.map((n) => n.y));
    // Under the lowest point when there is more room below it than over the highest.
    const below = height - bottom >= top;
    blocks.push(
      <div
        key={i}
        className={`print-curve-notes${below ? '' : ' is-above'}`}
        style={{ left: i * STAGE_W + 8, width: STAGE_W - 16, ...(below ? { top: bottom + CLEAR } : { bottom: height - top + CLEAR }) }}
      >
        {written.map((n) => (
          <p key={n.si}>
            {several && (
              <svg width={18} height={8} aria-hidden>
                <line x1={0} x2={18} y1={4} y2={4} stroke={curveColor(n.si)} strokeWidth={CURVE_POINT.line} strokeDasharray={curveDash(n.si)} />
              </svg>
            )}
            {several && n.who && <strong>{n.who}: </strong>}
            {n.note}
          </p>
        ))}
      </div>,
    );
  }
  return <>{blocks}</>;
}
