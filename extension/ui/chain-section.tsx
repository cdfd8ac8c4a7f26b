import { STAGE_LABELS, STAGES, type StageId } from '../../shared/pipeline/stages';
import { setAgentChain, setChain } from '../store/settings';
import type { SettingsRecord } from '../store/db';
import { ChainList } from './chain-list';
import { ErrorNotice, useAction } from './error-notice';

/** The default chain, and for each of the six agents an optional chain of its own. */
export function ChainSection({ settings }: { settings: Pick<SettingsRecord, 'providers' | 'chain' | 'chains'> }) {
  const { error, act } = useAction();
  return (
    <div className="stack">
      {error && <ErrorNotice error={error} />}
      <div className="stack-sm">
        <h3>Default chain</h3>
        <p className="small muted">Each step tries these providers in order and moves to the next when one fails. With no provider, the offline engine does the whole job on this device.</p>
        <ChainList ids={settings.chain} providers={settings.providers} testId="chain" label="Default chain" onChange={(ids) => act(() => setChain(ids))} />
      </div>
      <details className="agent-chains">
        <summary>A different chain for one step</summary>
        <div className="stack" style={{ marginTop: 12 }}>
          {STAGES.map((stage) => (
            <AgentChain key={stage} stage={stage} ids={settings.chains[stage]} settings={settings} act={act} />
          ))}
        </div>
      </details>
    </div>
  );
}

function AgentChain({ stage, ids, settings, act }: { stage: StageId; ids: string[] | undefined; settings: Pick<SettingsRecord, 'providers'>; act: (f: () => Promise<unknown>) => void }) {
  const own = ids !== undefined;
  return (
    <div className="agent-chain" data-testid={`chain-${stage}`}>
      <label className="check">
        <input type="checkbox" checked={own} onChange={(e) => act(() => setAgentChain(stage, e.target.checked ? [] : undefined))} />
        <span>
          <strong>{STAGE_LABELS[stage]}</strong> <span className="faint small">{stage}</span> — {own ? 'its own chain' : 'uses the default chain'}
        </span>
      </label>
      {own && <ChainList ids={ids} providers={settings.providers} label={`${STAGE_LABELS[stage]} chain`} onChange={(next) => act(() => setAgentChain(stage, next))} />}
    </div>
  );
}
