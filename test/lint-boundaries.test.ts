import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers';

/**
 * The project's own eslint.config.js keeps shared/ (the engine the extension, the backend and the CLI all build on)
 * from depending on any of them, and from Node-only modules. Only that rule runs here, without type information, so
 * this takes well under a second instead of building the whole TypeScript program.
 */
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: { files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
});

async function restricted(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('eslint keeps shared/ independent', () => {
  it.each([
    ['../extension/store/db', 'shared/probe.ts'],
    ['../../extension/ui/app', 'shared/sites/probe.ts'],
    ['../backend/db/schema', 'shared/probe.ts'],
    ['../../backend/sync/push', 'shared/sync/probe.ts'],
  ])('an import of %s from %s is an error', async (from, file) => {
    const messages = await restricted(file, `import { x } from '${from}';\nexport const y = x;\n`);
    expect(messages).toEqual([expect.stringMatching(/^no-restricted-imports: .*shared\/ is the engine/)]);
  });

  it('still forbids Node built-ins in the same rule (a second entry for shared/ would replace the first)', async () => {
    const messages = await restricted('shared/probe.ts', `import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n`);
    expect(messages).toEqual([expect.stringMatching(/^no-restricted-imports: .*isomorphic/)]);
  });

  it('lets shared/ import its own modules, and lets the extension import the backend’s types', async () => {
    expect(await restricted('shared/probe.ts', `import { z } from 'zod';\nimport { collapse } from './sites/text';\nexport const y = [z, collapse];\n`)).toEqual([]);
    expect(await restricted('extension/probe.ts', `import type { AppType } from '../backend/app';\nexport type Y = AppType;\n`)).toEqual([]);
  });
});
