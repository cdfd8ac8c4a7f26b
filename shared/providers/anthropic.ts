import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { withDeadline } from './deadline';
import { costOf } from './prices';
import { ProviderError, resolveCall, toProviderError } from './provider-error';
import type { CompletionRequest, CompletionResult, ProviderAdapter, ProviderSpec } from './types';

export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

export function createAnthropicAdapter(): ProviderAdapter {
  return {
    id: 'anthropic',
    async complete(spec: ProviderSpec, req: CompletionRequest): Promise<CompletionResult> {
      const { apiKey, model } = resolveCall('anthropic', spec, req);

      const started = performance.now();
      try {
        const client = new Anthropic({
          apiKey,
          // Always explicit: left undefined, the SDK would read ANTHROPIC_BASE_URL from process.env.
          baseURL: spec.baseUrl?.trim().replace(/\/+$/, '') || ANTHROPIC_BASE_URL,
          maxRetries: 0,
          // The extension calls the provider directly with the user's own key.
          dangerouslyAllowBrowser: true,
        });
        const body: MessageCreateParamsNonStreaming = {
          model,
          max_tokens: req.maxOutputTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS,
          messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
        };
        if (req.system) body.system = req.system;
        // No `temperature`: this SDK version dropped it from the Messages API (deprecated upstream).

        const message = await withDeadline({ provider: 'anthropic', signal: req.signal, timeoutMs: req.timeoutMs }, (signal) =>
          client.messages.create(body, { signal, maxRetries: 0, ...(req.timeoutMs ? { timeout: req.timeoutMs } : {}) }),
        );
        const text = message.content
          .filter((b): b is Extract<typeof b, { type: 'text' }> => b.type === 'text')
          .map((b) => b.text)
          .join('');
        if (!text) {
          throw new ProviderError({ provider: 'anthropic', kind: 'bad_output', retryable: false, message: `anthropic: the model returned no text (stop reason: ${message.stop_reason ?? 'none'})` });
        }
        const usage = { inputTokens: message.usage?.input_tokens ?? 0, outputTokens: message.usage?.output_tokens ?? 0 };
        const cost = costOf('anthropic', model, usage);
        return {
          text,
          usage,
          provider: 'anthropic',
          model,
          costUsd: cost.usd,
          priced: cost.priced,
          ...(message.stop_reason ? { finishReason: message.stop_reason } : {}),
          durationMs: Math.round(performance.now() - started),
        };
      } catch (e) {
        throw toProviderError('anthropic', e, [spec.apiKey, spec.apiKey?.trim()]);
      }
    },
  };
}
