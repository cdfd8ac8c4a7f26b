import OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { withDeadline } from './deadline';
import { costOf } from './prices';
import { ProviderError, resolveCall, toProviderError } from './provider-error';
import type { CompletionRequest, CompletionResult, ProviderAdapter, ProviderSpec } from './types';

export type OpenAICompatibleId = 'openai' | 'openrouter' | 'ollama';

export const OPENAI_COMPATIBLE_BASE_URLS: Record<OpenAICompatibleId, string> = {
  openai: 'https://api.openai.com/v1',
  openrouter: 'https://openrouter.ai/api/v1',
  ollama: 'http://localhost:11434/v1',
};

/** Ollama ignores the key, but the SDK refuses to run without one. */
const OLLAMA_DUMMY_KEY = 'ollama';

/**
 * People paste Ollama's native address (`http://host:11434`); its OpenAI-compatible API
 * lives under /v1, so add it when the URL has no path at all.
 */
export function resolveBaseUrl(id: OpenAICompatibleId, baseUrl: string | undefined): string {
  const raw = baseUrl?.trim() || OPENAI_COMPATIBLE_BASE_URLS[id];
  const trimmed = raw.replace(/\/+$/, '');
  if (id !== 'ollama') return trimmed;
  try {
    const u = new URL(trimmed);
    return u.pathname === '/' || u.pathname === '' ? `${trimmed}/v1` : trimmed;
  } catch {
    return trimmed;
  }
}

/** Reasoning models (o-series, gpt-5) reject `temperature` other than the default. */
function acceptsTemperature(id: OpenAICompatibleId, model: string): boolean {
  if (id !== 'openai') return true;
  return !/^(o\d|gpt-5)/i.test(model);
}

export function createOpenAIAdapter(id: OpenAICompatibleId = 'openai'): ProviderAdapter {
  return {
    id,
    async complete(spec: ProviderSpec, req: CompletionRequest): Promise<CompletionResult> {
      const { apiKey, model } = resolveCall(id, spec, req, id === 'ollama' ? OLLAMA_DUMMY_KEY : undefined);

      const started = performance.now();
      try {
        const client = new OpenAI({
          apiKey,
          baseURL: resolveBaseUrl(id, spec.baseUrl),
          // Explicit nulls keep the SDK from reading process.env, which does not exist in the extension.
          organization: null,
          project: null,
          adminAPIKey: null,
          maxRetries: 0,
          // The extension calls the provider directly with the user's own key.
          dangerouslyAllowBrowser: true,
        });
        const messages: ChatCompletionMessageParam[] = [];
        if (req.system) messages.push({ role: 'system', content: req.system });
        for (const m of req.messages) messages.push({ role: m.role, content: m.content });
        const body: ChatCompletionCreateParamsNonStreaming = { model, messages };
        if (req.maxOutputTokens !== undefined) {
          // OpenAI itself wants the newer name (reasoning models reject max_tokens); compatible servers know only the old one.
          if (id === 'openai') body.max_completion_tokens = req.maxOutputTokens;
          else body.max_tokens = req.maxOutputTokens;
        }
        if (req.temperature !== undefined && acceptsTemperature(id, model)) body.temperature = req.temperature;

        const completion = await withDeadline({ provider: id, signal: req.signal, timeoutMs: req.timeoutMs }, (signal) =>
          client.chat.completions.create(body, { signal, maxRetries: 0, ...(req.timeoutMs ? { timeout: req.timeoutMs } : {}) }),
        );
        const choice = completion.choices?.[0];
        const text = choice?.message?.content ?? '';
        if (!text) {
          throw new ProviderError({ provider: id, kind: 'bad_output', retryable: false, message: `${id}: the model returned no text (finish reason: ${choice?.finish_reason ?? 'none'})` });
        }
        const usage = { inputTokens: completion.usage?.prompt_tokens ?? 0, outputTokens: completion.usage?.completion_tokens ?? 0 };
        const cost = costOf(id, model, usage);
        return {
          text,
          usage,
          provider: id,
          model,
          costUsd: cost.usd,
          priced: cost.priced,
          ...(choice?.finish_reason ? { finishReason: choice.finish_reason } : {}),
          durationMs: Math.round(performance.now() - started),
        };
      } catch (e) {
        throw toProviderError(id, e, [spec.apiKey, spec.apiKey?.trim()]);
      }
    },
  };
}
