/**
 * A small fictional archive for the site-model tests, written for the project: three desks (grain
 * harvests, dock strikes, missile launches) in six countries, with the site's own tag spellings
 * ("DPRK" for North Korea) and its topic tags ("Harvest", "Strikes", "Missiles").
 */
import type { SiteArticle } from '../../src/index.js';

const COUNTRIES = ['France', 'Japan', 'Brazil', 'Kenya', 'Canada', 'Norway'] as const;

const HARVEST = (c: string, i: number): string =>
  `Farmers across ${c} brought in the wheat harvest early this season, and grain silos in the northern plains were full by the end of week ${i}. ` +
  `The farm ministry said the harvest of barley and maize was also strong after a wet spring.\n\n` +
  `Grain traders expect lower bread prices. "The silos have not been this full in a decade," a cooperative manager said, as combine harvesters worked through the night.`;
const STRIKE = (c: string, i: number): string =>
  `Dock workers at the main container port of ${c} walked out on Tuesday, the ${i}th day of a dispute over pay and shifts. ` +
  `The dockers' union said cranes would stay idle until the port authority offered a better deal.\n\n` +
  `Shipping lines diverted freighters to other harbours, and picket lines formed at every gate of the terminal as the strike spread to the rail yards.`;
const MISSILE = (i: number): string =>
  `North Korea fired a ballistic missile into the sea on Friday, its ${i}th launch this year, the South Korean military said. ` +
  `The missile flew about 600 kilometres before falling outside Japan's economic zone.\n\n` +
  `Pyongyang said the launch tested a new engine. Analysts said the missile programme was moving faster than expected.`;

/** `n` tagged articles, dated from January 2024 on, one desk after another. */
export function fictionalArchive(n = 72): SiteArticle[] {
  const out: SiteArticle[] = [];
  for (let i = 0; i < n; i++) {
    const c = COUNTRIES[Math.floor(i / 3) % COUNTRIES.length] as string;
    const date = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
    const desk = i % 3;
    if (desk === 0) out.push({ id: `h${i}`, date, title: `Record wheat harvest fills silos in ${c}`, body: HARVEST(c, i), tags: [c, 'Harvest'] });
    else if (desk === 1) out.push({ id: `s${i}`, date, title: `Dockers strike at ${c} port over pay`, body: STRIKE(c, i), tags: [c, 'Strikes'] });
    else out.push({ id: `m${i}`, date, title: `North Korea fires another missile`, body: MISSILE(i), tags: ['DPRK', 'Missiles'] });
  }
  return out;
}

const HARBOUR = (c: string, city: string, i: number): string =>
  `The city council of ${city} in ${c} voted on Wednesday to rebuild the old fish market by the harbour, meeting number ${i} on the plan. ` +
  `Stallholders said the roof had leaked for years, and the mayor of ${city} promised new cold stores and wider lanes for delivery vans.\n\n` +
  `Work on the market should start in the spring, the council said, and the traders will move to a tent on the quay meanwhile.`;

/**
 * An archive whose editors file every story under a region section and never name the region in the
 * text: stories from India, Pakistan and Bangladesh go to "South and central Asia", stories from
 * Peru, Chile and Colombia to "Americas" (the names of two sections of the bundled "guardian" preset).
 */
export function sectionArchive(n = 48): SiteArticle[] {
  const places = [['India', 'Chennai'], ['Peru', 'Callao'], ['Pakistan', 'Karachi'], ['Chile', 'Valparaíso'], ['Bangladesh', 'Chittagong'], ['Colombia', 'Cartagena']] as const;
  const out: SiteArticle[] = [];
  for (let i = 0; i < n; i++) {
    const [c, city] = places[i % places.length] as readonly [string, string];
    const section = i % 2 === 0 ? 'South and central Asia' : 'Americas';
    const date = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
    out.push({ id: `x${i}`, date, title: `${city} council votes to rebuild the fish market`, body: HARBOUR(c, city, i), tags: [section, 'Markets'] });
  }
  return out;
}
