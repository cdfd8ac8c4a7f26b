/** The six agents, in the order the pipeline's DAG finishes them. */
export const STAGES = ['CV_PARSER', 'CV_VALIDATOR', 'JOB_PARSER', 'JOB_ANALYZER', 'CV_TAILOR', 'COMPARATIVE_SCORER'] as const;
export type StageId = (typeof STAGES)[number];

/** What each stage is called where a person reads it (popup, page control, dashboard, command line). */
export const STAGE_LABELS: Record<StageId, string> = {
  CV_PARSER: 'Reading your CV',
  CV_VALIDATOR: 'Checking your CV',
  JOB_PARSER: 'Reading the job',
  JOB_ANALYZER: 'Matching requirements',
  CV_TAILOR: 'Tailoring',
  COMPARATIVE_SCORER: 'Scoring',
};
