import { cvReport, pageReport } from './report';
import { loadCorpusLabelledPostings, loadLabelledPostings, scoreRequirements } from './score-requirements';
import { listCorpusCvs, scoreCorpusCv } from './score-cvs';
import { listCorpusPages, scorePage } from './score-pages';

/**
 * `npm run accuracy [-- --misses]`: how well CVPath reads the outside corpus (pages and CVs saved or made by other
 * people), per board and per template family. `--misses` lists every field it got wrong.
 */
const verbose = process.argv.includes('--misses');
console.log(pageReport(listCorpusPages().map(scorePage), verbose));
console.log();
const cvs = [];
for (const c of listCorpusCvs()) cvs.push(await scoreCorpusCv(c));
console.log(cvReport(cvs, verbose));
console.log();
console.log(scoreRequirements(loadCorpusLabelledPostings(), verbose, 'real corpus pages').report);
console.log();
console.log(scoreRequirements(loadLabelledPostings(), verbose, 'engine fixtures').report);
