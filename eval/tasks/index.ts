import type { EvalTask } from '../types.js';
import { extractTask } from './extract.js';
import { nerTask } from './ner.js';
import { nerGuardianTask } from './ner-guardian.js';
import { regionsTask } from './regions.js';
import { readnextTask } from './readnext.js';
import { relatedTask } from './related.js';
import { siteTagsTask } from './site-tags.js';
import { tagsTask } from './tags.js';
import { tokensTask } from './tokens.js';

/** Every evaluation task, by name. */
export const EVAL_TASKS: readonly EvalTask[] = [tokensTask, tagsTask, regionsTask, nerTask, nerGuardianTask, relatedTask, readnextTask, extractTask, siteTagsTask];
