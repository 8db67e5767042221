// The reference docs are generated from the code. This test fails when they are stale;
// `npm run docs` rewrites them.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { renderLanguageMd, renderRulesMd } from '../../server/src/language/reference';
import { ROOT } from '../helpers';

const DOCS: [string, () => string][] = [
  ['docs/rules.md', renderRulesMd],
  ['docs/language.md', renderLanguageMd],
];

describe('generated docs', () => {
  for (const [file, render] of DOCS) {
    it(`${file} is up to date (run \`npm run docs\` to regenerate)`, () => {
      const path = join(ROOT, file);
      const want = render();
      if (process.env.UPDATE_DOCS === '1') writeFileSync(path, want);
      const have = existsSync(path) ? readFileSync(path, 'utf8') : '';
      expect(have === want, `${file} differs from what the code generates; run \`npm run docs\``).toBe(true);
    });
  }
});
