import { loadConfig, type Config } from '../config';

export const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

/** The defaults the server would use with nothing configured, changed where a test needs it. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // a fixed secret, so no test writes one into ./data
  return { ...loadConfig({}), authSecret: 'test-secret-that-is-long-enough-0123456789', ...overrides };
}
