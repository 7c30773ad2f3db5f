import type { BenchCase } from '../types.js';
import { batchBench } from './batch.js';
import { nerBench } from './ner.js';
import { relatedBench } from './related.js';
import { siteBench } from './site.js';
import { stemBench } from './stem.js';
import { tagBench } from './tag.js';
import { tokenizeBench } from './tokenize.js';

/** Every benchmark, by name. */
export const BENCH_CASES: readonly BenchCase[] = [tokenizeBench, stemBench, nerBench, tagBench, relatedBench, batchBench, siteBench];
