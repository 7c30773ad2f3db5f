/**
 * Training a site model from analyzed archive articles (the analysis itself is the caller's: see
 * src/site-train.ts). The archive is ordered by date and cut into validation folds: each fold is
 * scored by a first model fitted on the articles *before* it only (as the final model will tag
 * articles after its archive, so that the selection model learns how far the archive's rates carry
 * forward when topics drift), and the selection model, its thresholds and its limit are fitted on
 * those scores. A large archive uses one fold, its most recent articles; a small one uses `folds`
 * consecutive blocks, every block after the first. Then the learned state is fitted again on the
 * whole archive.
 */
import { SiteCore } from './core.js';
import { fitCore, type FitSettings, type LabelEntity } from './fit.js';
import { fitSelection, type Scored, type Selection } from './select.js';
import type { DocData } from './types.js';

export interface TrainedParts {
  core: SiteCore;
  selection: Selection;
  validationArticles: number;
}

export interface FoldSettings {
  /** Share of the archive held out when it is large (one fold). */
  validation: number;
  /** Folds of a small archive, and the size under which an archive is small. */
  folds: number;
  smallArchive: number;
}

/** Trains on `docs` (in any order; `dates` in ms or NaN). `report` is called between phases. */
export function trainParts(
  docs: readonly DocData[], dates: readonly number[], labels: readonly string[], lookup: readonly (LabelEntity | undefined)[],
  settings: FitSettings, folds: FoldSettings, report: (phase: string) => void = () => undefined,
): TrainedParts {
  const order = [...docs.keys()].sort((a, b) => {
    const da = dates[a] as number;
    const db = dates[b] as number;
    if (Number.isNaN(da) || Number.isNaN(db) || da === db) return a - b;
    return da - db;
  });
  const n = order.length;
  const blocks: [number, number][] = [];
  if (folds.validation > 0 && n >= 2) {
    if (n < folds.smallArchive && folds.folds > 1) for (let f = 0; f < folds.folds; f++) blocks.push([Math.floor((f * n) / folds.folds), Math.floor(((f + 1) * n) / folds.folds)]);
    else blocks.push([Math.min(n - 1, Math.round(n * (1 - folds.validation))), n]);
  }
  const scored: Scored[] = [];
  let validationArticles = 0;
  blocks.forEach(([from, to], f) => {
    if (to <= from || from === 0) return;
    report(`validation fold ${f + 1} of ${blocks.length}`);
    const fit = order.slice(0, from).map((i) => docs[i] as DocData);
    const held = order.slice(from, to).map((i) => docs[i] as DocData);
    if (fit.length === 0) return;
    scored.push({ core: new SiteCore(fitCore(fit, labels, lookup, settings)), docs: held });
    validationArticles += held.length;
  });
  report('selection model');
  const selection = fitSelection(scored, labels, lookup);
  report('final model');
  const core = new SiteCore(fitCore(docs, labels, lookup, settings));
  return { core, selection, validationArticles };
}
