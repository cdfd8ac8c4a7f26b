import { STAGE_LABELS, STAGES, type StageId } from '../../shared/pipeline/stages';
import type { TaskStage } from '../store/db';
import { formatCost, formatMs, formatTokens } from './format';

/** The six stages with their live status, who ran each one, and what it cost. */
export function StageProgress({ stages, totals }: { stages: Partial<Record<StageId, TaskStage>>; totals?: { durationMs?: number; inputTokens?: number; outputTokens?: number; costUsd?: number } }) {
  return (
    <div>
      <ol className="stages" aria-label="Progress">
        {STAGES.map((id) => {
          const s = stages[id] ?? { status: 'pending' as const };
          const tokens = (s.inputTokens ?? 0) + (s.outputTokens ?? 0);
          const who = s.cached ? 'cached' : s.offlineFallback ? 'offline engine (fallback)' : s.provider === 'offline' ? 'offline engine' : [s.provider, s.model].filter(Boolean).join(' · ');
          return (
            <li key={id} className="stage" data-testid={`stage-${id}`} data-status={s.status}>
              <span className="stage-dot" aria-hidden="true" />
              <span className="stage-name">
                {STAGE_LABELS[id]}
                <span className="visually-hidden"> — {s.status}</span>
              </span>
              <span className="stage-meta">
                {s.status === 'succeeded' || s.status === 'failed' ? `${formatMs(s.durationMs)}${tokens ? ` · ${formatTokens(tokens)} tok` : ''}${s.costUsd ? ` · ${formatCost(s.costUsd)}` : ''}` : ''}
              </span>
              {who && s.status !== 'pending' && <span className="stage-sub">{who}</span>}
            </li>
          );
        })}
      </ol>
      {totals && (
        <p className="small muted tabular" style={{ marginTop: 6 }}>
          Total {formatMs(totals.durationMs)} · {formatTokens((totals.inputTokens ?? 0) + (totals.outputTokens ?? 0))} tokens · {formatCost(totals.costUsd)}
        </p>
      )}
    </div>
  );
}
