import type { EvalTask } from '../types.js';
import { relatedTask } from './related.js';
import { tokensTask } from './tokens.js';

/** Every evaluation task, by name. */
export const EVAL_TASKS: readonly EvalTask[] = [tokensTask, relatedTask];
