import type { SettingsRecord } from '../store/db';
import { formatCost } from './format';
import { PROVIDER_KINDS } from './provider-kinds';

/**
 * What one more run costs, said beside the "Run again" button before the user clicks it: the offline engine is free;
 * a key of the user's own is billed by its provider, and the last run's cost is the best estimate there is. A phrase
 * to follow "Run again: ", lower-case and without a full stop.
 */
export function runCostNote(settings: Pick<SettingsRecord, 'providers' | 'chain' | 'chains'>, lastCostUsd = 0): string {
  const ids = new Set([...settings.chain, ...Object.values(settings.chains).flat()]);
  const used = settings.providers.filter((p) => ids.has(p.id));
  const keyed = [...new Set(used.filter((p) => PROVIDER_KINDS[p.provider]?.needsKey).map((p) => PROVIDER_KINDS[p.provider].label.split(' (')[0]!))];
  if (!keyed.length) return used.length ? 'free (Ollama runs the model on your computer)' : 'free (the offline engine runs on this computer)';
  const names = keyed.length === 1 ? keyed[0] : `${keyed.slice(0, -1).join(', ')} and ${keyed.at(-1)}`;
  return `uses your ${names} key${keyed.length > 1 ? 's' : ''}${lastCostUsd > 0 ? ` (about ${formatCost(lastCostUsd)}, as last time)` : ''}`;
}
