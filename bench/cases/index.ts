import type { BenchCase } from '../types.js';
import { batchBench } from './batch.js';
import { relatedBench } from './related.js';
import { tagBench } from './tag.js';
import { tokenizeBench } from './tokenize.js';

/** Every benchmark, by name. */
export const BENCH_CASES: readonly BenchCase[] = [tokenizeBench, tagBench, relatedBench, batchBench];
