// docs/model.md: its tables are generated from the code; this test fails when they are stale.
// `npm run docs:model` (UPDATE_DOCS=1) rewrites them.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODEL_PARAMETERS } from '../../server/src/model';
import { renderModelDoc } from './docgen';
import { ROOT } from './fixtures';

describe('docs/model.md', () => {
  it('is up to date (run `npm run docs:model` to regenerate)', () => {
    const path = join(ROOT, 'docs/model.md');
    const have = readFileSync(path, 'utf8');
    const want = renderModelDoc(have);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(path, want);
    else expect(have === want, 'docs/model.md differs from what the code generates; run `npm run docs:model`').toBe(true);
  });

  it('documents every coefficient of the registry', () => {
    const doc = readFileSync(join(ROOT, 'docs/model.md'), 'utf8');
    for (const p of MODEL_PARAMETERS) expect(doc, p.name).toContain(`| \`${p.name}\` |`);
  });
});
