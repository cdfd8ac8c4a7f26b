import { useState } from 'react';
import type { JobPosting } from '../../shared/schema/job-posting';

/** For pages CVPath cannot read: the person pastes the posting's text and names the role. */
export function PasteJob({ onUse }: { onUse: (posting: JobPosting) => void }) {
  const [title, setTitle] = useState('');
  const [company, setCompany] = useState('');
  const [text, setText] = useState('');
  const ready = title.trim() && text.trim().length >= 40;
  return (
    <form
      className="stack-sm"
      data-testid="paste-job"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onUse({ title: title.trim(), company: company.trim(), description: text.trim(), remote: 'unknown', warnings: [], site: 'pasted', scrapedAt: new Date().toISOString() });
      }}
    >
      <div className="field-row">
        <div className="field">
          <label htmlFor="paste-title">Job title</label>
          <input id="paste-title" type="text" value={title} onChange={(e) => setTitle(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="paste-company">Company</label>
          <input id="paste-company" type="text" value={company} onChange={(e) => setCompany(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="paste-text">Job description</label>
        <textarea id="paste-text" data-testid="paste-job-text" rows={6} value={text} onChange={(e) => setText(e.target.value)} placeholder="Paste the whole posting: responsibilities and requirements." required />
      </div>
      <button type="submit" className="btn" disabled={!ready} data-testid="paste-job-use">
        Use this job
      </button>
    </form>
  );
}
