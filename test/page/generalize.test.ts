/**
 * Recall safeguards of round 2 (pages written for these tests): shapes of pages where the article is
 * easy to lose on a site the rules were never tuned on.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/pages.js';
import { ARTICLE_PARAGRAPHS } from './pages.js';

const paragraphs = (list: readonly string[]): string => list.map((p) => `<p>${p}</p>`).join('\n');
const TEASERS = [
  'Harbour pilots in Setúbal will vote next week on a new rota, the union said, after a winter of complaints about night shifts and the cost of travel between the two ports.',
  'A fishing cooperative in Peniche has bought two refrigerated lorries with a grant from the regional fund, so that its catch can reach the markets of Madrid within a day.',
  'The lighthouse on the Berlengas islands reopens to visitors in June, after repairs to its stairs and to the landing stage that a storm damaged in the autumn of last year.',
  'Students from Porto have built a small solar boat that will race on the Douro in July against crews from Vigo, Bilbao and Bordeaux, with a prize for the lightest hull.',
];

describe('extractArticle keeps the article where round-1 rules lost it', () => {
  it('a page wrapped in one <form> (ASP.NET pages are): the article, not the form furniture', () => {
    const page = `<html><body><form id="aspnetForm" method="post" action="/story.aspx">
<input type="hidden" name="__VIEWSTATE" value="abc"><div class="masthead"><a href="/">Home</a> <a href="/world">World</a></div>
<div class="story">${paragraphs(ARTICLE_PARAGRAPHS)}</div>
<div class="search"><input type="text" name="q"><button>Search the archive</button></div></form></body></html>`;
    const a = extractArticle(page);
    expect(a.body.split('\n\n')).toEqual(ARTICLE_PARAGRAPHS);
    expect(a.body).not.toContain('Search the archive');
  });

  it('a layout table: a cell whose class reads as boilerplate is not stripped before scoring', () => {
    const page = `<html><body><table><tr><td class="remark-box">${paragraphs(ARTICLE_PARAGRAPHS)}</td></tr></table>
<div class="lower"><div class="more-stories"><div><div>${paragraphs(TEASERS)}</div></div></div></div></body></html>`;
    expect(extractArticle(page).body.split('\n\n')).toEqual(ARTICLE_PARAGRAPHS);
  });

  it('paragraphs around two embedded video players stay (Readability keeps a block with a video)', () => {
    const video = (id: string) => `<iframe src="https://www.youtube.com/embed/${id}" width="560" height="315"></iframe>`;
    const first = 'The first clip shows the new boat leaving the Cais do Sodré terminal at dawn on its trial run across the estuary.';
    const second = 'The second clip follows the crew as they plug the boat into the charger at the Almada pier for ten minutes.';
    const page = `<html><body><article><h1>Ferry line to open</h1>
${paragraphs(ARTICLE_PARAGRAPHS)}
<div class="clips">${video('aaa')}<p>${first}</p>${video('bbb')}<p>${second}</p></div></article></body></html>`;
    const body = extractArticle(page).body;
    expect(body).toContain(first);
    expect(body).toContain(second);
  });
});
