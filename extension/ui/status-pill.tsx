/** A small coloured label: application status, requirement match, stage status. The class carries the colour. */
export function StatusPill({ status, label }: { status: string; label?: string }) {
  return <span className={`pill pill-${status}`}>{label ?? STATUS_LABELS[status] ?? status}</span>;
}

export const STATUS_LABELS: Record<string, string> = {
  saved: 'Saved',
  applied: 'Applied',
  interviewing: 'Interviewing',
  offer: 'Offer',
  rejected: 'Rejected',
  met: 'Met',
  partial: 'Partial',
  missing: 'Missing',
  ok: 'OK',
  risk: 'Risk',
  unknown: 'Unknown',
  pending: 'Waiting',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
};
