import { GoogleGenerativeAI, type Content, type GenerationConfig, type UsageMetadata } from '@google/generative-ai';
import { withDeadline } from './deadline';
import { costOf } from './prices';
import { ProviderError, resolveCall, toProviderError } from './provider-error';
import type { CompletionRequest, CompletionResult, ProviderAdapter, ProviderSpec } from './types';

export const GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com';

export function createGeminiAdapter(): ProviderAdapter {
  return {
    id: 'gemini',
    async complete(spec: ProviderSpec, req: CompletionRequest): Promise<CompletionResult> {
      const { apiKey, model } = resolveCall('gemini', spec, req);

      const started = performance.now();
      try {
        const generationConfig: GenerationConfig = {};
        if (req.maxOutputTokens !== undefined) generationConfig.maxOutputTokens = req.maxOutputTokens;
        if (req.temperature !== undefined) generationConfig.temperature = req.temperature;
        const generative = new GoogleGenerativeAI(apiKey).getGenerativeModel(
          { model, ...(req.system ? { systemInstruction: req.system } : {}), generationConfig },
          // No `timeout` here on purpose: the SDK arms a timer it never clears, which keeps Node
          // alive after the call. withDeadline times the whole call and clears its timer.
          { baseUrl: spec.baseUrl?.trim().replace(/\/+$/, '') || GEMINI_BASE_URL },
        );
        const contents: Content[] = req.messages.map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] }));

        const { response } = await withDeadline({ provider: 'gemini', signal: req.signal, timeoutMs: req.timeoutMs }, (signal) =>
          generative.generateContent({ contents }, { signal }),
        );
        // text() throws on a safety/recitation block; toProviderError maps that to bad_output.
        const text = response.text();
        const finishReason = response.candidates?.[0]?.finishReason;
        if (!text) {
          throw new ProviderError({ provider: 'gemini', kind: 'bad_output', retryable: false, message: `gemini: the model returned no text (finish reason: ${finishReason ?? 'none'})` });
        }
        // the API sends `thoughtsTokenCount`; the SDK's types (0.24.1) predate it
        const meta: (UsageMetadata & { thoughtsTokenCount?: number }) | undefined = response.usageMetadata;
        // 2.5 models bill their hidden thinking as output, and report it apart from the candidates.
        const usage = { inputTokens: meta?.promptTokenCount ?? 0, outputTokens: (meta?.candidatesTokenCount ?? 0) + (meta?.thoughtsTokenCount ?? 0) };
        const cost = costOf('gemini', model, usage);
        return {
          text,
          usage,
          provider: 'gemini',
          model,
          costUsd: cost.usd,
          priced: cost.priced,
          ...(finishReason ? { finishReason } : {}),
          durationMs: Math.round(performance.now() - started),
        };
      } catch (e) {
        throw toProviderError('gemini', e, [spec.apiKey, spec.apiKey?.trim()]);
      }
    },
  };
}
