import type { CvReading } from './import-cv';

/**
 * Who read the CV, said once above the form: the model (and where the offline reader disagrees, marked below), or
 * the offline reader with the coded reason the model's reading was not used, shown as it is.
 */
export function CvReadingNotice({ reading, marked, offlineOnlyRoles }: { reading: CvReading; marked: number; offlineOnlyRoles: string[] }) {
  const dropped = reading.dropped.length > 0 && (
    <p className="small" data-testid="cv-reading-dropped">
      Left out because your CV does not say it: {reading.dropped.slice(0, 5).map((v) => `“${v.length > 60 ? `${v.slice(0, 59)}…` : v}”`).join(', ')}
      {reading.dropped.length > 5 ? ` and ${reading.dropped.length - 5} more` : ''}.
    </p>
  );
  if (reading.fallbackReason) {
    const r = reading.fallbackReason;
    return (
      <div className="notice notice-warn" role="status" data-testid="cv-reading" data-source="offline" data-code={r.code}>
        <strong>Read by the offline reader: your provider's reading could not be used</strong>
        <p>{r.message}</p>
        {r.hint && <p className="small">{r.hint}</p>}
        {dropped}
      </div>
    );
  }
  if (reading.source !== 'llm') return null;
  return (
    <div className="notice notice-info" role="status" data-testid="cv-reading" data-source="llm">
      <strong>Read by {reading.model ?? 'your provider'}, checked against the offline reader</strong>
      <p>
        {marked
          ? `${marked} ${marked === 1 ? 'field was' : 'fields were'} read differently by the two: each is marked below with the offline reading, one click to use it.`
          : reading.disagreements.length
            ? 'Every field the two read differently has been settled.'
            : 'Both read every field the same way.'}{' '}
        Every value kept is written in your CV.
      </p>
      {offlineOnlyRoles.length > 0 && (
        <p className="small" data-testid="cv-reading-roles">
          The offline reader also found {offlineOnlyRoles.length === 1 ? 'a role' : 'roles'} the model did not: {offlineOnlyRoles.map((r) => `“${r}”`).join(', ')}. If
          {offlineOnlyRoles.length === 1 ? ' its bullets sit' : ' their bullets sit'} under another role, use “Split here” at the first of them.
        </p>
      )}
      {dropped}
    </div>
  );
}
