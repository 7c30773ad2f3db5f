/**
 * news-tagger/model: the shipped NER model, a module of its own so that a browser bundle of the core
 * leaves it out (1.5 MB of base64) and loads it on demand:
 *
 *   const { shippedNerModel } = await import('news-tagger/model');
 *   const tagger = createTagger({ nerModel: shippedNerModel() });
 *
 * In the built package the model's bytes live once, in dist/data/ner-model.cjs, shared by this entry,
 * the Node entry of `news-tagger`, news-tagger/batch and the CLI. Further artefacts that the
 * recognizer needs (a word-cluster table) belong beside it, in this entry and that data file.
 */
export { shippedNerModel } from './entities/ner/model.generated.js';
