/**
 * Gold for the tags and regions tasks: dataset labels mapped to the library's canonical ids through
 * the gazetteer's own alias lookup (the same lookup a caller's vocabulary goes through). A label the
 * gazetteer does not know becomes `new:<name key>`, so it can still match an unknown-name suggestion
 * with the same name, and otherwise counts as a miss.
 *
 * Reuters-21578 uses codes ("west-germany", "ussr", "james-baker", "worldbank"); REUTERS_CODES maps
 * those whose plain reading ("west germany") is not a name the gazetteer knows. This table lives in
 * eval/ on purpose: it must never leak gold into the library.
 */
import type { CompiledGazetteer } from '../src/entities/gazetteer.js';
import { nameKey } from '../src/entities/gazetteer.js';
import type { EntityType } from '../src/types.js';

export type GoldType = 'people' | 'places' | 'orgs';
export const GOLD_TYPES: readonly GoldType[] = ['people', 'places', 'orgs'];
export const ENTITY_TYPE: Record<GoldType, EntityType> = { people: 'person', places: 'place', orgs: 'organization' };
export const GOLD_TYPE: Partial<Record<EntityType, GoldType>> = { person: 'people', place: 'places', organization: 'orgs' };

/** Reuters codes -> a name or an id the gazetteer resolves. Codes not listed are read as names ("sri-lanka"). */
export const REUTERS_CODES: Record<string, string> = {
  usa: 'United States',
  uk: 'United Kingdom',
  ussr: 'Soviet Union',
  'west-germany': 'West Germany',
  'east-germany': 'East Germany',
  uae: 'United Arab Emirates',
  'hong-kong': 'Hong Kong',
  'ivory-coast': "Côte d'Ivoire",
  'yemen-arab-republic': 'North Yemen',
  'yemen-demo-republic': 'South Yemen',
  zaire: 'Zaire',
  kampuchea: 'Kampuchea',
  burma: 'Myanmar',
  'trinidad-tobago': 'Trinidad and Tobago',
  'us-virgin-islands': 'United States Virgin Islands',
  congo: 'Republic of the Congo',
  ec: 'European Community',
  worldbank: 'World Bank',
  imf: 'International Monetary Fund',
  opec: 'OPEC',
  gatt: 'GATT',
  oecd: 'OECD',
  unctad: 'UNCTAD',
  un: 'United Nations',
  fao: 'Food and Agriculture Organization',
  iea: 'International Energy Agency',
  eib: 'European Investment Bank',
  gcc: 'Gulf Cooperation Council',
  oapec: 'OAPEC',
  bis: 'Bank for International Settlements',
  euratom: 'Euratom',
  ida: 'International Development Association',
  comecon: 'Comecon',
  asean: 'ASEAN',
  efta: 'EFTA',
  'ico-coffee': 'International Coffee Organization',
  icco: 'International Cocoa Organization',
  'adb-africa': 'African Development Bank',
  'adb-asia': 'Asian Development Bank',
  inro: 'International Natural Rubber Organization',
  itc: 'International Tin Council',
  isa: 'International Sugar Agreement',
  'iwc-wheat': 'International Wheat Council',
  iwcc: 'International Wrought Copper Council',
  imco: 'International Maritime Organization',
  atpc: 'Association of Tin Producing Countries',
  reagan: 'Ronald Reagan',
  'james-baker': 'James Baker',
  yeutter: 'Clayton Yeutter',
  volcker: 'Paul Volcker',
  nakasone: 'Yasuhiro Nakasone',
  lawson: 'Nigel Lawson',
  miyazawa: 'Kiichi Miyazawa',
  lyng: 'Richard Lyng',
  ongpin: 'Jaime Ongpin',
  sumita: 'Satoshi Sumita',
  balladur: 'Edouard Balladur',
  thatcher: 'Margaret Thatcher',
  conable: 'Barber Conable',
  stoltenberg: 'Gerhard Stoltenberg',
  herrington: 'John Herrington',
  'james-miller': 'James Miller',
  sarney: 'Jose Sarney',
  chirac: 'Jacques Chirac',
  sprinkel: 'Beryl Sprinkel',
  subroto: 'Subroto',
  icahn: 'Carl Icahn',
  boesky: 'Ivan Boesky',
  'du-plessis': 'Barend du Plessis',
  mulroney: 'Brian Mulroney',
  'von-weizsaecker': 'Richard von Weizsaecker',
  'howard-baker': 'Howard Baker',
  delors: 'Jacques Delors',
  'de-clercq': 'Willy de Clercq',
  'zhao-ziyang': 'Zhao Ziyang',
  'leigh-pemberton': 'Robin Leigh-Pemberton',
  hawke: 'Bob Hawke',
  kohl: 'Helmut Kohl',
  'deng-xiaoping': 'Deng Xiaoping',
  gandhi: 'Rajiv Gandhi',
  aquino: 'Corazon Aquino',
  'king-fahd': 'King Fahd',
  poehl: 'Karl Otto Poehl',
};

/**
 * Resolves one gold label to an id: a gazetteer entry of the wanted type if any, else `new:<key>`. A
 * label names its own entry, not what it may stand for in running text: "London" is the city, not the
 * UK government (metonym), "Israeli" is no label at all (demonym).
 */
export function goldId(gazetteer: CompiledGazetteer, label: string, type: EntityType): string {
  if (gazetteer.entries.has(label)) return label;
  const found = gazetteer.lookup(label).filter((r) => r.via !== 'demonym');
  const named = found.filter((r) => r.via !== 'metonym');
  // among same-named entries, the default reading (the one that does not mark the name ambiguous:
  // "London" is London, England, not London, Ontario)
  const records = [...(named.length > 0 ? named : found)].sort((a, b) => Number(a.ambiguous) - Number(b.ambiguous));
  const typed = records.find((r) => r.entry.type === type && (type !== 'place' || r.entry.kind === 'country')) ?? records.find((r) => r.entry.type === type) ?? records[0];
  return typed !== undefined ? typed.entry.id : `new:${nameKey(label)}`;
}

/** The comparable form of a predicted id: gazetteer ids as they are, unknown names by name key. */
export function predictedId(id: string): string {
  return id.startsWith('new:') ? `new:${nameKey(id.slice(4))}` : id;
}

/** Resolves a Reuters code to an id. */
export function reutersGoldId(gazetteer: CompiledGazetteer, code: string, type: EntityType): string {
  const name = REUTERS_CODES[code] ?? code.replace(/-/g, ' ');
  return goldId(gazetteer, name, type);
}
