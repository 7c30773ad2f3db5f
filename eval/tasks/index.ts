import type { EvalTask } from '../types.js';
import { regionsTask } from './regions.js';
import { relatedTask } from './related.js';
import { tagsTask } from './tags.js';
import { tokensTask } from './tokens.js';

/** Every evaluation task, by name. */
export const EVAL_TASKS: readonly EvalTask[] = [tokensTask, tagsTask, regionsTask, relatedTask];
