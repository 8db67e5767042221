// The architecture invariants of ARCHITECTURE.md, checked on the import statements: the
// model knows nothing of the rest, the language core nothing of LSP, and only the LSP layer
// speaks protocol types.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './helpers';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

/** Modules of server/src a file imports (by first folder), and packages. */
function dependencies(area: string): { modules: Set<string>; packages: Set<string>; offenders: Map<string, string[]> } {
  const root = join(ROOT, 'server/src', area);
  const modules = new Set<string>();
  const packages = new Set<string>();
  const offenders = new Map<string, string[]>();
  for (const f of files(root)) {
    for (const spec of imports(f)) {
      if (spec.startsWith('.')) {
        const target = relative(join(ROOT, 'server/src'), join(f, '..', spec)).split('/')[0];
        if (target !== area) {
          modules.add(target);
          offenders.set(target, [...(offenders.get(target) ?? []), relative(ROOT, f)]);
        }
      } else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return { modules, packages, offenders };
}

describe('architecture invariants', () => {
  it('the model imports nothing of the language, charts, advisor, LSP or CLI', () => {
    const d = dependencies('model');
    expect([...d.modules], `model imports ${JSON.stringify(Object.fromEntries(d.offenders))}`).toEqual([]);
  });

  it('the language core depends only on the model (input types, coefficient names)', () => {
    const d = dependencies('language');
    expect([...d.modules].filter((m) => m !== 'model'), `language imports ${JSON.stringify(Object.fromEntries(d.offenders))}`).toEqual([]);
  });

  it('charts and the advisor know nothing of LSP or the CLI', () => {
    for (const area of ['charts', 'advisor']) {
      const d = dependencies(area);
      expect([...d.modules].filter((m) => m === 'lsp' || m === 'cli'), `${area} imports ${JSON.stringify(Object.fromEntries(d.offenders))}`).toEqual([]);
    }
  });

  it('only the LSP layer imports the protocol packages', () => {
    for (const area of ['model', 'language', 'charts', 'advisor', 'cli']) {
      const d = dependencies(area);
      expect([...d.packages].filter((p) => p.startsWith('vscode-languageserver')), `${area} must not speak LSP`).toEqual([]);
    }
  });
});
