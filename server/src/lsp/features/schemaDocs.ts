// Documentation of blocks and properties as markdown, straight from the schema: what it
// means, the shape and units of its value, its default and the spec it comes from.
import type { BlockDef, Part, PropDef } from '../../language/schema/types';
import { DIMENSION_NAMES, unitsOf, type Dimension } from '../../language/units';

export function blockDoc(def: BlockDef, parent?: BlockDef): string {
  const where = parent ? ` block in \`${parent.kind}\`` : ' block';
  const name = def.name === 'required' ? ', named' : def.name === 'number' ? ', numbered' : def.name === 'optional' ? ', optionally named' : '';
  return [
    `**${def.kind}**${where}${name}${def.required ? ' (required)' : ''}`,
    def.doc,
    `*Source:* ${def.source}`,
    '```sipmig\n' + def.example + '\n```',
  ].join('\n\n');
}

export function propDoc(def: PropDef, block: BlockDef): string {
  const lines = [`**${def.name}** property of \`${block.kind}\``, def.doc, `*Value:* ${valueShape(def.parts)}`];
  const units = unitLines(def.parts);
  if (units) lines.push(`*Units:* ${units}`);
  lines.push(`*Default:* ${def.required ? 'none (required)' : def.default !== undefined ? `\`${def.default}\`` : 'none (optional)'}`);
  lines.push(`*Source:* ${def.source}`);
  lines.push(`*Example:* \`${def.example}\``);
  return lines.join('\n\n');
}

/** "threshold (a percentage) `for` persistence (a duration)". */
function valueShape(parts: Part[]): string {
  const one = (p: Part): string => {
    switch (p.t) {
      case 'q': return `${p.name} (${DIMENSION_NAMES[p.dim]})`;
      case 'num': return `${p.name} (${p.integer ? 'a whole number' : 'a number'}${rangeOf(p)})`;
      case 'ref': return `${p.name} (the name of a ${p.kind.replace('_', ' ')})`;
      case 'kw': return `\`${p.word}\``;
      case 'enum': return `${p.name} (one of ${p.values.map((v) => `\`${v}\``).join(', ')})`;
      case 'str': return `${p.name} (a text in double quotes)`;
      case 'bool': return `${p.name} (\`yes\` or \`no\`)`;
      case 'list': return `${p.name} (comma-separated: ${p.values.map((v) => `\`${v}\``).join(', ')})`;
      case 'opt': return `[${p.parts.map(one).join(' ')}]`;
      case 'words': return `${p.name} (words)`;
    }
  };
  return parts.map(one).join(' ');
}

function rangeOf(p: { min?: number; max?: number }): string {
  if (p.min !== undefined && p.max !== undefined) return `, ${p.min} to ${p.max}`;
  if (p.min !== undefined) return `, at least ${p.min}`;
  return '';
}

function unitLines(parts: Part[]): string {
  const dims = new Set<Dimension>();
  const walk = (ps: Part[]) => ps.forEach((p) => (p.t === 'q' ? dims.add(p.dim) : p.t === 'opt' ? walk(p.parts) : undefined));
  walk(parts);
  return [...dims].map((d) => unitsOf(d).join(', ')).join('; ');
}
