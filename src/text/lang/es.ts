/**
 * Spanish: accents kept in the text and folded in match keys ("México" and "Mexico" both give
 * "mexico", "Perú" gives "peru"); no clitics (Spanish attaches pronouns to verbs, never to names);
 * stopwords; the Snowball Spanish stemmer (snowball-es.ts) for the index, its stem then folded; and
 * the words the name recognizer needs in Spanish (titles, particles, organization heads).
 *
 * Stopwords: written for this project from the closed classes of Spanish (articles, prepositions and
 * their contractions "al", "del", conjunctions, pronouns, possessives, demonstratives, relatives and
 * interrogatives, the forms of ser, estar and haber), a few adverbs, and the reporting verbs of news
 * copy ("dijo", "afirmó", "señaló"), as the English list does. Listed with their accents and folded.
 */
import { foldKey } from './fold.js';
import { spanishStem } from './snowball-es.js';
import type { Analyzer, NameHints } from './types.js';

export const SPANISH_STOPWORDS: readonly string[] = [
  // articles and contractions
  'el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'lo', 'al', 'del',
  // prepositions
  'a', 'ante', 'bajo', 'con', 'contra', 'de', 'desde', 'durante', 'en', 'entre', 'hacia', 'hasta', 'mediante',
  'para', 'por', 'según', 'sin', 'sobre', 'tras',
  // conjunctions
  'y', 'e', 'ni', 'o', 'u', 'pero', 'sino', 'aunque', 'porque', 'pues', 'que', 'si', 'como', 'cuando', 'donde',
  'mientras', 'embargo',
  // pronouns and possessives
  'yo', 'tú', 'él', 'ella', 'ello', 'nosotros', 'nosotras', 'vosotros', 'ellos', 'ellas', 'usted', 'ustedes',
  'me', 'te', 'se', 'nos', 'os', 'le', 'les', 'mi', 'mis', 'tu', 'tus', 'su', 'sus', 'nuestro', 'nuestra',
  'nuestros', 'nuestras', 'suyo', 'suya', 'suyos', 'suyas', 'sí',
  // demonstratives, relatives, interrogatives
  'este', 'esta', 'estos', 'estas', 'ese', 'esa', 'esos', 'esas', 'aquel', 'aquella', 'aquellos', 'aquellas',
  'esto', 'eso', 'aquello', 'quien', 'quienes', 'cual', 'cuales', 'cuyo', 'cuya', 'cuyos', 'cuyas', 'qué',
  'quién', 'cuál', 'cómo', 'dónde', 'cuándo', 'cuánto', 'cuanto',
  // ser, estar, haber
  'ser', 'es', 'son', 'era', 'eran', 'fue', 'fueron', 'sido', 'siendo', 'será', 'serán', 'sea', 'sean', 'sería',
  'estar', 'está', 'están', 'estaba', 'estaban', 'estuvo', 'estado', 'haber', 'ha', 'han', 'he', 'hemos',
  'había', 'habían', 'habrá', 'habría', 'hubo', 'haya', 'hay',
  // quantifiers and adverbs
  'no', 'ya', 'muy', 'más', 'menos', 'también', 'tampoco', 'solo', 'sólo', 'todo', 'toda', 'todos', 'todas',
  'otro', 'otra', 'otros', 'otras', 'mismo', 'misma', 'mismos', 'mismas', 'tanto', 'tan', 'cada', 'algún',
  'alguno', 'alguna', 'algunos', 'algunas', 'ningún', 'ninguno', 'ninguna', 'varios', 'varias', 'poco', 'mucho',
  'muchos', 'muchas', 'así', 'aquí', 'allí', 'ahora', 'antes', 'después', 'luego', 'además', 'incluso',
  // reporting verbs of news copy
  'dijo', 'dice', 'dicen', 'afirmó', 'aseguró', 'señaló', 'explicó', 'indicó', 'agregó', 'añadió', 'declaró',
];

/** The words as given and folded ("líder" and "lider"). */
function words(list: string): ReadonlySet<string> {
  const out = new Set<string>();
  for (const w of list.split(/\s+/u)) {
    if (w.length === 0) continue;
    out.add(w);
    out.add(foldKey(w));
  }
  return out;
}

const SPEECH_VERBS = `dijo dice afirmó aseguró señaló declaró explicó indicó agregó añadió advirtió sostuvo subrayó
  insistió recordó admitió reconoció denunció escribió anunció respondió preguntó manifestó destacó apuntó expresó negó`;

/** Name-finding words in Spanish (lower case; matched with and without accents). */
export const SPANISH_NAME_HINTS: NameHints = {
  personTitles: words(`presidente presidenta expresidente expresidenta vicepresidente vicepresidenta ministro
    ministra canciller secretario secretaria señor señora sr sra don doña dr dra doctor doctora general coronel
    comandante capitán almirante teniente sargento rey reina príncipe princesa papa jeque emir ayatolá juez
    jueza fiscal embajador embajadora enviado enviada portavoz vocero vocera líder jefe jefa director directora
    alcalde alcaldesa gobernador gobernadora senador senadora diputado diputada congresista mandatario
    mandataria dirigente candidato candidata periodista analista abogado abogada economista cardenal
    arzobispo obispo monseñor asesor asesora consejero consejera comisario comisionado primer primera`),
  titleParts: words(`de del la el los exteriores defensa economía hacienda interior justicia salud sanidad
    comercio energía educación trabajo transporte industria cultura ambiente medio seguridad nacional estado
    asuntos relaciones exterior general primer primera ministro ministra jefe jefa adjunto adjunta interino
    interina ex gobierno mayor supremo suprema fuerzas armadas ejército partido oposición banco central
    presidente presidenta secretario secretaria vice`),
  orgHeads: words(`s.a. sa sl ltd inc corp`),
  orgLeads: words(`ministerio partido banco universidad organización fondo consejo comité comisión asociación
    unión frente movimiento instituto tribunal corte fuerzas ejército agencia autoridad federación servicio
    departamento oficina parlamento asamblea congreso senado cámara fundación sociedad liga alianza
    coalición junta grupo empresa compañía sindicato confederación policía guardia brigadas naciones
    organismo secretaría gobierno`),
  notNames: words(`el la los las un una unos unas en de del por para con sin sobre tras según desde hasta
    entre ante y o pero sino aunque porque si cuando mientras donde como que este esta estos estas ese esa
    eso esto aquel su sus mi mis nuestro nuestra lo al se no sí ya también además así ahora hoy ayer mañana
    lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio agosto
    septiembre setiembre octubre noviembre diciembre él ella ellos ellas nosotros yo durante todo todos toda
    todas otro otra cada muchos muchas algunos algunas varios hay fue es son era sr sra don doña tras pese
    cuatro tres dos uno una cinco seis siete ocho nueve diez ${SPEECH_VERBS}`),
  speechVerbs: words(SPEECH_VERBS),
  connectors: words(`de del la las los el y e da das do dos van von der bin ibn al`),
  nameParticles: words(`de del la las los y e da das do dos van von der bin ibn`),
  leadJoiners: undefined,
  coordinators: words(`y e`),
};

/** The match key of a lower-cased Spanish word: accents and the tilde folded. */
const fold = foldKey;

const NO_CLITICS: readonly string[] = Object.freeze([]);

/** Builds the Spanish analyzer. */
export function createSpanishAnalyzer(): Analyzer {
  const stopwords: ReadonlySet<string> = new Set(SPANISH_STOPWORDS.map(fold));
  const stem = (norm: string): string => fold(spanishStem(norm));
  return {
    lang: 'es',
    cased: true,
    fold,
    clitics: () => NO_CLITICS,
    stopwords,
    stem,
    term(norm, doStem, list = stopwords) {
      const key = fold(norm);
      if (list.has(key)) return null;
      return doStem ? stem(norm) : key;
    },
    names: SPANISH_NAME_HINTS,
  };
}
