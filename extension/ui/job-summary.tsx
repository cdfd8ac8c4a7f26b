import type { JobPosting } from '../../shared/schema/job-posting';

const WARNING_TEXT: Record<string, string> = {
  prompt_injection: 'This page contains instructions aimed at AI tools. CVPath removed them; they never reach a model.',
  hidden_text: 'This page hides text from its readers. CVPath left it out of the description.',
  truncated: 'The job description looks cut short; the analysis may miss requirements.',
  jsonld_mismatch: 'The page’s structured data and visible text disagree; CVPath used the visible text.',
};

/** The job as read from the page, with anything suspicious about the page said up front. */
export function JobSummary({ posting }: { posting: JobPosting }) {
  const serious = (code: string) => code === 'prompt_injection' || code === 'hidden_text';
  const sorted = [...posting.warnings].sort((a, b) => Number(serious(b.code)) - Number(serious(a.code)));
  // one notice per kind of problem, with each place it was found beneath: the headline is said once
  const groups = [...new Set(sorted.map((w) => w.code))].map((code) => ({ code, items: sorted.filter((w) => w.code === code) }));
  return (
    <div className="stack-sm">
      <div>
        <h2 data-testid="job-title">{posting.title || 'Untitled job'}</h2>
        <p className="muted small">
          {[posting.company, posting.location, posting.site].filter(Boolean).join(' · ')}
        </p>
      </div>
      {sorted.length > 0 && (
        <ul data-testid="job-warnings" className="stack-sm" style={{ listStyle: 'none' }}>
          {groups.map(({ code, items }) => (
            <li key={code} data-code={code} className={`notice ${serious(code) ? 'notice-error' : 'notice-warn'}`}>
              <strong>{WARNING_TEXT[code] ?? items[0]!.message}</strong>
              {items.map((w, i) => (WARNING_TEXT[code] || i > 0) && w.message !== WARNING_TEXT[code] && (
                <span key={i} className="small" style={{ display: 'block' }}>{w.excerpt ? `${w.message} “${w.excerpt}”` : w.message}</span>
              ))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
