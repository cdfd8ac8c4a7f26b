import { parseHTML } from 'linkedom';
import { scrapeJobWithFailures } from '../../shared/sites';
import { JobPosting } from '../../shared/schema/job-posting';
import { listCorpusPages } from './score-pages';

/**
 * The corpus job pages as the content script reads them: the postings a user would tailor to. The description is the
 * reader's; title, company and place are the ones a careful person reads on the page (and would correct in the run
 * page), so what a letter says about the job tests the writing, not the page readers (scored in accuracy.test.ts).
 */
export function corpusPostings(): { id: string; board: string; job: JobPosting }[] {
  return listCorpusPages().flatMap((page) => {
    try {
      const { document } = parseHTML(page.html);
      const posting = scrapeJobWithFailures(document, new URL(page.expected.url)).result?.posting;
      if (!posting || posting.description.length < 200) return [];
      const e = page.expected;
      const job = JobPosting.parse({ ...posting, title: e.title, company: e.company, location: e.location ?? undefined });
      return [{ id: page.id, board: e.board, job }];
    } catch {
      return [];
    }
  });
}
