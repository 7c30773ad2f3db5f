/**
 * The fuzzing targets: one fast-check property per part of the library, sharing one tagger and one
 * time budget. `npm run fuzz` runs them for a number of inputs or seconds; `test/fuzz.test.ts` runs
 * a short bounded pass of the same properties in `npm test`.
 */
import fc from 'fast-check';
import { createTagger, type Tagger } from '../src/index.js';
import { arabic, spanish } from '../src/languages.js';
import { articleId, articleInput, batchInput, damage, soupText } from './arbitraries.js';
import { ORDINARY } from './catalogue.js';
import { checkBatch, checkIndex, checkTagger, LinearBudget, type IndexOp } from './checks.js';

export interface FuzzTarget {
  name: string;
  /** Share of the runs and of the time. */
  weight: number;
  property: fc.IAsyncPropertyWithHooks<never> | fc.IAsyncProperty<never>;
}

/** Lengths of the long runs in generated bodies (the quadratic inputs found were all long runs). */
export interface FuzzSizes {
  min: number;
  max: number;
}

export function fuzzTargets(sizes: FuzzSizes = { min: 2_000, max: 60_000 }): { targets: FuzzTarget[]; tagger: Tagger } {
  const tagger = createTagger({ languages: [arabic(), spanish()] });
  const ordinary = ORDINARY.repeat(Math.ceil(20_000 / ORDINARY.length));
  const budget = new LinearBudget(() => {
    const t0 = performance.now();
    tagger.tag({ id: 'budget', title: 'Talks in Vladivostok', body: ordinary });
    return { ms: performance.now() - t0, chars: ordinary.length };
  });
  const small = { min: 50, max: 2_000 };
  const opArb: fc.Arbitrary<IndexOp> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('add' as const), id: articleId, article: articleInput(small) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('update' as const), id: articleId, article: articleInput(small) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), id: articleId }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('related' as const, 'readNext' as const), id: articleId }) },
    { weight: 1, arbitrary: fc.constant({ op: 'vacuum' as const }) },
  );
  const targets: FuzzTarget[] = [
    {
      name: 'tag-analyze',
      weight: 6,
      property: fc.asyncProperty(articleInput(sizes), async (input) => checkTagger(tagger, input, budget)) as never,
    },
    {
      name: 'corpus-index',
      weight: 2,
      property: fc.asyncProperty(fc.array(opArb, { maxLength: 14 }), fc.array(damage, { maxLength: 4 }), async (ops, damages) => checkIndex(ops, damages, budget)) as never,
    },
    {
      name: 'batch-reader',
      weight: 2,
      property: fc.asyncProperty(batchInput(sizes), async (input) => checkBatch(input, budget)) as never,
    },
    {
      name: 'plain-soup',
      weight: 2,
      property: fc.asyncProperty(soupText(400), async (body) => checkTagger(tagger, { id: 's', body }, budget)) as never,
    },
  ];
  return { targets, tagger };
}
