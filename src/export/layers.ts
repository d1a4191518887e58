// What a picture or a print may carry on top of the map itself, chosen in the Export menu: the
// survey layer (each touchpoint's and stage's figures with n and quarter, small-sample marks, heat),
// the department lens (cards coloured by owning department, hand-offs, unowned moments of truth
// flagged) and the open-loop marks (open gaps and opportunities: how long open, who owns them).
// Drawn the same as on screen by the SVG poster (posterSvg) and the print poster (MapPoster).
import type { MapFigure } from '../journey/voc/onMap';

export interface PictureLayers {
  survey: boolean;
  lens: boolean;
  loops: boolean;
}

export const NO_LAYERS: PictureLayers = { survey: false, lens: false, loops: false };

/** What the layers draw from beyond the journey: the map's survey figures, and the time open loops are aged against. */
export interface LayerData {
  figures: ReadonlyMap<string, MapFigure>;
  /** Epoch ms: "open for 43 days" is counted to this moment. */
  now: number;
}
