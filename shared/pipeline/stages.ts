/** The six agents, in the order the pipeline's DAG finishes them. */
export const STAGES = ['CV_PARSER', 'CV_VALIDATOR', 'JOB_PARSER', 'JOB_ANALYZER', 'CV_TAILOR', 'COMPARATIVE_SCORER'] as const;
export type StageId = (typeof STAGES)[number];
