import type { JobPosting } from '../../shared/schema/job-posting';

const WARNING_TEXT: Record<string, string> = {
  prompt_injection: 'This page hides text aimed at AI tools; CVPath removed it.',
  hidden_text: 'This page hides text aimed at AI tools; CVPath removed it.',
  truncated: 'The job description looks cut short; the analysis may miss requirements.',
  jsonld_mismatch: 'The page’s structured data and visible text disagree; CVPath used the visible text.',
};

/** The job as read from the page, with anything suspicious about the page said up front. */
export function JobSummary({ posting }: { posting: JobPosting }) {
  const serious = (code: string) => code === 'prompt_injection' || code === 'hidden_text';
  const sorted = [...posting.warnings].sort((a, b) => Number(serious(b.code)) - Number(serious(a.code)));
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
          {sorted.map((w, i) => (
            <li key={i} data-code={w.code} className={`notice ${serious(w.code) ? 'notice-error' : 'notice-warn'}`}>
              <strong>{WARNING_TEXT[w.code] ?? w.message}</strong>
              {WARNING_TEXT[w.code] && w.message !== WARNING_TEXT[w.code] && <span className="small">{w.message}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
