/** The one interface every LLM provider adapter implements. */

export const PROVIDER_IDS = ['openai', 'openrouter', 'ollama', 'anthropic', 'gemini', 'offline'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  model: string;
  system: string;
  messages: ChatMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  /** Aborts the call (user cancel or the pipeline's time budget). */
  signal?: AbortSignal;
  /** Per-attempt timeout in ms. */
  timeoutMs?: number;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export interface CompletionResult {
  text: string;
  usage: Usage;
  provider: ProviderId;
  model: string;
  costUsd: number;
  /** False when the model is not in the price table, so `costUsd` (0) means "unknown", not "free". */
  priced?: boolean;
  /** The provider's own stop reason (`stop`, `length`, `end_turn`, `max_tokens`, `STOP`…): tells a truncated answer apart. */
  finishReason?: string;
  durationMs: number;
}

/** One link of a provider chain: `openai:gpt-4o-mini`, with where and how to reach it. */
export interface ProviderSpec {
  provider: ProviderId;
  model: string;
  apiKey?: string;
  baseUrl?: string;
}

export interface ProviderAdapter {
  readonly id: ProviderId;
  /** One attempt, no retries: the chain owns the retry policy. Throws ProviderError. */
  complete(spec: ProviderSpec, req: CompletionRequest): Promise<CompletionResult>;
}
