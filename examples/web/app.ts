/**
 * The playground page (examples/web/): type or pick an article and see its tags with their evidence
 * in the text, regions, reading time, Related News and Read Next from the sample corpus. It runs on
 * the core as a browser bundle gets it: the tagger starts on the light path (gazetteer and name
 * heuristics) and the NER model, a module of its own, is imported on demand and then used. The Arabic
 * and Spanish names (news-tagger/languages) are imported on demand too, on the first article in one of
 * those languages (the core refuses it with DATA_MISSING until they are given).
 *
 * `npm run playground` bundles this file (scripts/playground.ts) with `news-tagger` mapped to
 * src/index.ts, as a bundler maps the package's browser entry.
 */
import { createCorpusIndex, createTagger, isNewsTaggerError, type Article, type ArticleTags, type LanguageNames, type Tagger, type TextAnalysis } from '../../src/index.js';
import samples from '../corpus/sample-articles.jsonl';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const ui = {
  status: $<HTMLParagraphElement>('status'),
  sample: $<HTMLSelectElement>('sample'),
  title: $<HTMLInputElement>('title'),
  body: $<HTMLTextAreaElement>('body'),
  useModel: $<HTMLInputElement>('use-model'),
  tags: $<HTMLOListElement>('tags'),
  regions: $<HTMLUListElement>('regions'),
  readingTime: $<HTMLParagraphElement>('reading-time'),
  related: $<HTMLOListElement>('related'),
  readNext: $<HTMLOListElement>('read-next'),
  text: $<HTMLElement>('text'),
};

const corpus = (samples as string)
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => JSON.parse(line) as Article & { id: string; title: string; body: string; date?: string; section?: string });
const byId = new Map(corpus.map((a) => [a.id, a]));
const DRAFT = 'playground-draft';

let light = createTagger();
let full: Tagger | undefined;
let nerModel: string | undefined;
let modelState: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
let languages: LanguageNames[] | undefined;
let languageState: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';

/** The light and full taggers, with the Arabic and Spanish names once they are loaded. */
function makeTaggers(): void {
  const names = languages === undefined ? {} : { languages };
  light = createTagger(names);
  full = nerModel === undefined ? undefined : createTagger({ ...names, nerModel });
}

/** Loads news-tagger/languages once, on the first Arabic or Spanish article, and re-tags with it. */
function loadLanguages(): void {
  if (languageState !== 'idle') return;
  languageState = 'loading';
  import('../../src/languages.js')
    .then(({ arabic, spanish }) => {
      languages = [arabic(), spanish()];
      languageState = 'ready';
    })
    .catch(() => {
      // the English names alone, said in the status line
      languages = [];
      languageState = 'failed';
    })
    .then(() => {
      makeTaggers();
      update();
    });
}
const index = createCorpusIndex();
index.addAll(corpus);

function tagger(): Tagger {
  return ui.useModel.checked && full !== undefined ? full : light;
}

function showStatus(): void {
  const path =
    tagger() === full
      ? 'full path: gazetteer, name heuristics and the NER model'
      : modelState === 'loading'
        ? 'light path: gazetteer and name heuristics (NER model loading…)'
        : modelState === 'failed'
          ? 'light path: gazetteer and name heuristics (the NER model could not be loaded)'
          : 'light path: gazetteer and name heuristics';
  const names = languageState === 'loading' ? ' · Arabic and Spanish names loading…' : languageState === 'failed' ? ' · the Arabic and Spanish names could not be loaded: English names only' : '';
  ui.status.textContent = `${corpus.length} sample articles indexed · ${path}${names}`;
  ui.status.dataset.path = tagger() === full ? 'full' : 'light';
}

/** Loads the model module once, on first need, and re-tags with it. */
function loadModel(): void {
  if (modelState !== 'idle') return;
  modelState = 'loading';
  showStatus();
  import('../../src/model.js')
    .then(({ shippedNerModel }) => {
      nerModel = shippedNerModel();
      makeTaggers();
      modelState = 'ready';
      update();
    })
    .catch(() => {
      modelState = 'failed';
      showStatus();
    });
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

/** The article being edited; a picked sample keeps its id while unchanged. */
function currentArticle(): Article & { id: string } {
  const picked = byId.get(ui.sample.value);
  if (picked !== undefined && picked.title === ui.title.value && picked.body === ui.body.value) return picked;
  return { id: DRAFT, title: ui.title.value, body: ui.body.value };
}

let selected: string | undefined;

function update(): void {
  showStatus();
  const article = currentArticle();
  const t = tagger();
  const analysis = t.analyzeText(article);
  let result: ArticleTags;
  try {
    result = t.tag(article);
  } catch (error) {
    // an Arabic or Spanish article before news-tagger/languages is loaded
    if (!isNewsTaggerError(error, 'DATA_MISSING') || languageState !== 'idle') throw error;
    loadLanguages();
    showStatus();
    return;
  }
  if (selected !== undefined && !result.tags.some((tag) => tag.id === selected)) selected = undefined;
  renderTags(result);
  renderText(analysis, result);
  renderRegions(result);
  ui.readingTime.textContent = analysis.wordCount > 0 ? `Reading time: ${result.readingTime.minutes} min (${result.readingTime.words} words)` : '';
  renderRecommendations(article);
  lightMentions();
}

function renderTags(result: ArticleTags): void {
  ui.tags.replaceChildren(
    ...result.tags.map((tag) => {
      const button = el('button');
      button.type = 'button';
      button.dataset.tag = tag.id;
      button.setAttribute('aria-pressed', String(tag.id === selected));
      button.append(el('span', tag.label, 'label'), el('span', ` ${tag.type} · ${tag.score.toFixed(2)}`, 'meta'));
      if (tag.aliases !== undefined && tag.aliases.length > 0) button.append(el('div', `also ${tag.aliases.slice(0, 3).join(', ')}`, 'aliases'));
      button.append(el('div', tag.evidence.reasons.join(' · '), 'reasons'));
      button.addEventListener('click', () => {
        selected = selected === tag.id ? undefined : tag.id;
        for (const b of ui.tags.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.tag === selected));
        lightMentions();
      });
      const item = el('li');
      item.append(button);
      return item;
    }),
  );
  if (result.tags.length === 0) ui.tags.append(el('li', 'No tags.', 'meta'));
}

/** The normalized fields, with each tag's mentions marked (a span can be the evidence of several tags). */
function renderText(analysis: TextAnalysis, result: ArticleTags): void {
  const spans = new Map<string, { field: string; start: number; end: number; type: string; tags: string[] }>();
  for (const tag of result.tags) {
    for (const m of tag.evidence.mentions) {
      const key = `${m.field}:${m.start}:${m.end}`;
      const span = spans.get(key) ?? { field: m.field, start: m.start, end: m.end, type: tag.type, tags: [] };
      span.tags.push(tag.id);
      spans.set(key, span);
    }
  }
  const nodes: Node[] = [];
  for (const field of analysis.fields) {
    const container = field.field === 'title' ? el('h3') : el('p');
    const marks = [...spans.values()].filter((s) => s.field === field.field).sort((a, b) => a.start - b.start || b.end - a.end);
    let at = 0;
    for (const span of marks) {
      if (span.start < at) continue; // overlapping spans: the first, longest one is shown
      container.append(field.text.slice(at, span.start));
      const mark = el('mark', field.text.slice(span.start, span.end), span.type);
      mark.dataset.tags = span.tags.join(' ');
      container.append(mark);
      at = span.end;
    }
    container.append(field.text.slice(at));
    nodes.push(container);
  }
  ui.text.replaceChildren(...nodes);
}

function lightMentions(): void {
  for (const mark of ui.text.querySelectorAll('mark')) {
    mark.classList.toggle('lit', selected !== undefined && (mark.dataset.tags ?? '').split(' ').includes(selected));
  }
}

function renderRegions(result: ArticleTags): void {
  ui.regions.replaceChildren(
    ...result.regions.map((r) => el('li', `${r.region} (${r.score.toFixed(2)}): ${r.countries.map((c) => c.label).join(', ')}`)),
  );
  if (result.regions.length === 0) ui.regions.append(el('li', 'No region.', 'meta'));
}

function renderRecommendations(article: Article & { id: string }): void {
  if (index.has(DRAFT)) index.remove(DRAFT);
  const empty = (article.title ?? '').trim() === '' && (article.body ?? '').trim() === '';
  if (!empty && article.id === DRAFT) index.add(article);
  const list = (results: { id: string; title: string; date?: string }[]): HTMLLIElement[] =>
    results.map((r) => el('li', `${r.title}${r.date !== undefined ? ` (${r.date.slice(0, 10)})` : ''}`));
  ui.related.replaceChildren(...(empty ? [] : list(index.related(article.id, { k: 4 }))));
  ui.readNext.replaceChildren(...(empty ? [] : list(index.readNext(article.id, { k: 3 }))));
}

for (const a of corpus) ui.sample.append(new Option(a.title, a.id));
ui.sample.addEventListener('change', () => {
  const picked = byId.get(ui.sample.value);
  ui.title.value = picked?.title ?? '';
  ui.body.value = picked?.body ?? '';
  update();
});
let timer: ReturnType<typeof setTimeout> | undefined;
const later = (): void => {
  clearTimeout(timer);
  timer = setTimeout(update, 150);
};
ui.title.addEventListener('input', later);
ui.body.addEventListener('input', later);
ui.useModel.addEventListener('change', () => {
  if (ui.useModel.checked) loadModel();
  update();
});

update();
// the page is usable now, on the light path; the model comes after
if (ui.useModel.checked) setTimeout(loadModel, 0);
