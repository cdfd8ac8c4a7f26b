/** The job boards CVPath has an adapter for (the `site` of their postings). Kept apart so the store need not load them. */
export const BOARD_IDS: readonly string[] = ['linkedin', 'indeed', 'greenhouse', 'lever', 'workday', 'ashby', 'smartrecruiters'];
