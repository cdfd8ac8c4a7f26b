export * from './agent';
export { cvParser } from './cv-parser';
export { cvValidator } from './cv-validator';
export { jobParser } from './job-parser';
export { jobAnalyzer } from './job-analyzer';
export { cvTailor } from './cv-tailor';
export { comparativeScorer } from './comparative-scorer';
