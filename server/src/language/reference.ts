// Renders the language reference (docs/language.md) and the rule table (docs/rules.md)
// from the schema and the rule registry, so the docs cannot drift from the code
// (test/docs keeps the committed files equal to this output).
import { BLOCKS } from './schema/blocks';
import type { BlockDef, Part, PropDef } from './schema/types';
import { RULES } from './validation/codes';
import { DIMENSION_NAMES, unitsOf, type Dimension } from './units';
import { CPU_CATALOG } from './catalog';
import { modelPropDefs } from './modelParams';

const esc = (s: string) => s.replace(/\|/g, '\\|');

export function renderRulesMd(): string {
  const rows = RULES.map((r) => `| ${r.code} | ${r.severity} | ${esc(r.title)} | ${esc(r.source)} |`);
  return [
    '# Validation rules',
    '',
    '<!-- Generated from server/src/language/validation/codes.ts by `npm run docs`; do not edit by hand. -->',
    '',
    'Every diagnostic sipmig reports has a stable code. `sipmig check` prints it as',
    '`path:line:col - severity CODE: message`; editors show it with the diagnostic. Each rule names',
    'the specification its check comes from.',
    '',
    '| code | severity | what it checks | source |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

function partText(p: Part): string {
  switch (p.t) {
    case 'q':
      return `<${p.name}: ${DIMENSION_NAMES[p.dim]}>`;
    case 'num':
      return `<${p.name}>`;
    case 'ref':
      return `<${p.kind} name>`;
    case 'kw':
      return p.word;
    case 'enum':
      return p.values.join(' \\| ');
    case 'str':
      return `"<${p.name}>"`;
    case 'bool':
      return 'yes \\| no';
    case 'list':
      return `<${p.name}, …>`;
    case 'opt':
      return `[${p.parts.map(partText).join(' ')}]`;
    case 'words':
      return `<${p.name} …>`;
  }
}

function propRow(p: PropDef): string {
  return `| \`${p.name}\` | \`${p.name} ${p.parts.map(partText).join(' ')}\` | ${esc(p.doc)} | ${p.required ? '**required**' : p.default ? esc(p.default) : '—'} | ${esc(p.source)} |`;
}

function blockSection(b: BlockDef, level: number): string[] {
  const header = '#'.repeat(level);
  const out = [`${header} \`${b.kind}\``, '', b.doc, '', `Source: ${b.source}.${b.required ? ' Required.' : ''}`, '', '```sipmig', b.example, '```', ''];
  if (b.props.length) out.push('| property | form | meaning | default | source |', '| --- | --- | --- | --- | --- |', ...b.props.map(propRow), '');
  for (const c of b.blocks) out.push(...blockSection(c, level + 1));
  return out;
}

export function renderLanguageMd(): string {
  const dims: Dimension[] = ['time', 'percent', 'callRate', 'bytes', 'bitRate', 'byteRate', 'frequency'];
  return [
    '# The sipmig language',
    '',
    '<!-- Generated from server/src/language/schema by `npm run docs`; do not edit by hand. -->',
    '',
    'A scenario is a list of blocks. A block is a keyword, usually a name, and properties in braces;',
    'a property is a keyword followed by its value on one line (or separated by `;`). Comments start',
    'with `#` or `//`. Names are letters, digits and `_`, or any text in double quotes. Blocks refer to',
    'each other by name (`host pm1 { hardware poweredge }`), in any order.',
    '',
    'The complete reference study is in `samples/paper/active-migration.sipmig`; modern setups are in',
    '`samples/modern/`.',
    '',
    '## Units',
    '',
    'Every quantity carries its unit, written after the number (a space is optional). sipmig converts',
    'between units of the same kind and reports a unit of the wrong kind.',
    '',
    '| kind | units |',
    '| --- | --- |',
    ...dims.map((d) => `| ${DIMENSION_NAMES[d]} | ${unitsOf(d).join(', ')} |`),
    '',
    'Decimal prefixes (KB, MB, GB, Mbps, Gbps) are powers of 1000; binary ones (KiB, MiB, GiB) powers of',
    "1024: qemu's 32 MiB/s migration cap is 33.55 MB/s.",
    '',
    '## Blocks',
    '',
    ...BLOCKS.filter((b) => b.kind !== 'model').flatMap((b) => blockSection(b, 3)),
    '### `model`',
    '',
    BLOCKS.find((b) => b.kind === 'model')!.doc,
    '',
    '```sipmig',
    BLOCKS.find((b) => b.kind === 'model')!.example,
    '```',
    '',
    '| coefficient | form | meaning | default | source |',
    '| --- | --- | --- | --- | --- |',
    ...modelPropDefs().map(propRow),
    '',
    '## CPU catalog',
    '',
    'Hosts whose `cpu` names a catalog model are checked against its datasheet (rule CAT001).',
    '',
    '| model | cores per socket | threads per core | base clock | max sockets | source |',
    '| --- | --- | --- | --- | --- | --- |',
    ...CPU_CATALOG.map((c) => `| ${c.model} | ${c.coresPerSocket} | ${c.threadsPerCore} | ${c.baseGhz} GHz | ${c.maxSockets} | ${esc(c.source)} |`),
    '',
  ].join('\n');
}
