import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeLlm, type FakeLlm, type FakeResponder } from './server';

/**
 * A fake LLM server for one test file: started once, closed at the end, and before each test its request log is
 * cleared and its responder reset. Returns a getter because the server exists only once beforeAll has run.
 */
export function useFakeLlm(responder: () => FakeResponder): () => FakeLlm {
  let fake: FakeLlm;
  beforeAll(async () => {
    fake = await startFakeLlm();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.setResponder(responder());
  });
  return () => fake;
}
