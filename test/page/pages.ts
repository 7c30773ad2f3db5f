/**
 * Fictional web pages written for these tests (no real page text): a news article with the usual
 * surroundings — navigation, a breaking-news ticker, share buttons, captions, a related list, a
 * newsletter box, a footer — and structured data.
 */

export const ARTICLE_PARAGRAPHS = [
  'Officials in Lisbon confirmed on Tuesday that the new ferry line across the Tagus estuary will open in March, after two years of delays caused by a shortage of parts, a dispute over berths and a lawsuit brought by residents of the southern bank.',
  'The transport minister, Helena Duarte, said the line would carry about 9,000 passengers a day and cut the crossing to 14 minutes, half the time taken by the old boats, which date from the 1980s.',
  '"We promised this for years, and now the boats are in the water," Duarte told reporters at the Cais do Sodré terminal, where the first of four electric vessels was moored for inspection.',
  'Engineers from Spain and Norway have been testing the batteries since the autumn. Each boat charges for ten minutes at either end, drawing on a substation built for the purpose.',
  'Critics say the fares, set at 2.10 euros, are too high for commuters who already pay for trains and buses, and the opposition has asked for a monthly pass that covers all three.',
  'The city council expects the ferries to take about 3,000 cars a day off the bridges, and plans a second line, to Barreiro, if the first meets its targets within a year.',
];

export function newsPage(options: { jsonLd?: boolean; meta?: boolean } = {}): string {
  const jsonLd = options.jsonLd ?? true;
  const meta = options.meta ?? true;
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebSite', name: 'The Harbour Gazette', url: 'https://gazette.example/' },
      {
        '@type': 'NewsArticle',
        headline: 'Lisbon ferry line across the Tagus to open in March',
        datePublished: '2026-02-03T09:30:00Z',
        author: [{ '@type': 'Person', name: 'Marta Pinto' }, { '@type': 'Person', name: 'Rui Costa' }],
        keywords: ['Portugal', 'Transport', 'Lisbon'],
        articleSection: 'Europe',
        inLanguage: 'en-GB',
      },
    ],
  });
  const head = [
    '<meta charset="utf-8">',
    '<title>Lisbon ferry line across the Tagus to open in March | The Harbour Gazette</title>',
    meta ? '<meta property="og:site_name" content="The Harbour Gazette">' : '',
    meta ? '<meta property="og:title" content="Lisbon ferry line across the Tagus to open in March">' : '',
    meta ? '<meta property="og:description" content="Four electric boats will halve the crossing time, the transport minister says.">' : '',
    meta ? '<meta property="article:tag" content="Ferries"><meta property="article:tag" content="Lisbon">' : '',
    meta ? '<meta name="author" content="Marta Pinto">' : '',
    '<link rel="canonical" href="https://gazette.example/europe/lisbon-ferry">',
    jsonLd ? `<script type="application/ld+json">${ld}</script>` : '',
    '<script>window.dataLayer = [{"page": "article", "text": "<p>not text</p>"}]; if (a < b && c > d) {}</script>',
    '<style>.menu { display: flex } p > a { color: red }</style>',
  ].join('\n');
  const menu = ['World', 'France', 'Germany', 'Brazil', 'China', 'Business', 'Sport', 'Culture'].map((s) => `<li><a href="/${s.toLowerCase()}">${s}</a></li>`).join('');
  const related = [
    'Madrid opens a night bus network for students',
    'Porto tram extension approved after a long debate in Brussels',
    'Athens metro strike ends after three days',
  ].map((h) => `<li><a href="/r/${h.length}">${h}</a></li>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>${head}</head>
<body class="article-page">
<header class="site-header"><a class="logo" href="/">The Harbour Gazette</a>
<nav><ul class="menu">${menu}</ul></nav></header>
<div class="ticker">BREAKING: Storm warning for the French Atlantic coast &middot; Markets close higher in Tokyo</div>
<main id="main">
<article class="story">
<h1 class="headline">Lisbon ferry line across the Tagus to open in March</h1>
<div class="byline">By <a href="/authors/marta">Marta Pinto</a> &amp; Rui Costa · <time datetime="2026-02-03T09:30:00Z">3 February 2026</time></div>
<div class="share-tools"><a href="#">Share on social media</a> <a href="#">Email</a> <button>Copy link</button></div>
<figure class="lead-image"><img src="ferry.jpg" alt=""><figcaption>A ferry moored at the terminal. Photo: Gazette staff</figcaption></figure>
<div class="story-body" itemprop="articleBody">
${ARTICLE_PARAGRAPHS.map((p, i) => `<p>${p}</p>${i === 2 ? '\n<aside class="inline-promo"><p>Sign up for our morning newsletter about transport in Europe, delivered daily.</p></aside>' : ''}`).join('\n')}
</div>
</article>
<section class="related-stories"><h2>Related stories</h2><ul>${related}</ul></section>
</main>
<div class="newsletter-signup"><p>Get the best of the Gazette in your inbox every morning, with news from Germany and France.</p><form><input type="email"><button>Subscribe</button></form></div>
<footer class="site-footer"><p>© 2026 The Harbour Gazette. All rights reserved. Registered in Portugal.</p><ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
</body>
</html>`;
}

/** A page copied as text from a browser: menus, a ticker, bullets, captions, a related box, tags. */
export function pageDump(): string {
  return [
    'The Harbour Gazette',
    '',
    '  • World',
    '  • France',
    '  • Business',
    '  • Sport',
    'World',
    'France',
    'Business',
    'Sport',
    'BREAKING',
    'Storm warning for the French Atlantic coast',
    'Markets close higher in Tokyo after a quiet session, with exporters leading the gains on a weaker yen.',
    'Rail strike called off in Belgium',
    '',
    'Lisbon ferry line across the Tagus to open in March',
    '',
    '  • By Marta Pinto',
    '  • 3 Feb 2026 09:30',
    '2 Min Read',
    '',
    ARTICLE_PARAGRAPHS[0],
    '',
    '  • A ferry moored at the terminal on Monday. (Gazette/AFP)',
    '',
    ARTICLE_PARAGRAPHS[1],
    '',
    ARTICLE_PARAGRAPHS[2],
    '',
    'Porto tram extension approved',
    'Related News',
    'Athens metro strike ends',
    '',
    ARTICLE_PARAGRAPHS[3],
    '',
    ARTICLE_PARAGRAPHS[4],
    '',
    ARTICLE_PARAGRAPHS[5],
    '',
    '  • Portugal',
    '  • Lisbon',
    '  • Transport',
    '',
    'Most Read',
    '',
    'Passengers wait on a platform in Madrid during the evening rush hour on a cold day. (Photo/Reuters)',
    'Madrid opens a night bus network',
    '  • Europe',
    '  • 1 Feb 2026',
    '',
    'The Harbour Gazette',
    'All Rights Reserved',
    '  • Privacy Policy',
    '  • About Us',
  ].join('\n');
}
