import type { BenchCase } from '../types.js';
import { adversarialBench } from './adversarial.js';
import { batchBench } from './batch.js';
import { extractBench } from './extract.js';
import { loadBench } from './load.js';
import { nerBench } from './ner.js';
import { queueBench } from './queue.js';
import { relatedBench } from './related.js';
import { siteBench } from './site.js';
import { stemBench } from './stem.js';
import { tagBench } from './tag.js';
import { tagLangBench } from './tag-lang.js';
import { tokenizeBench } from './tokenize.js';

/** Every benchmark, by name. */
export const BENCH_CASES: readonly BenchCase[] = [tokenizeBench, stemBench, nerBench, tagBench, tagLangBench, relatedBench, batchBench, queueBench, extractBench, adversarialBench, loadBench, siteBench];
