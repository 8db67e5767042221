// Text edits that apply an option to the scenario as written, keeping the user's layout:
// a value is replaced in place, a missing property is inserted as a line of its block at
// the block's indentation.
import type { Analysis } from '../language';
import type { BoundBlock } from '../language/schema/bind';
import type { TextEdit } from '../language/diagnostics';
import type { Span } from '../language/syntax/tree';

function lineStart(text: string, offset: number): number {
  const i = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1));
  return i + 1;
}

export function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

/** Replaces the value of `prop` (the part named `part`) or inserts `prop value` into the block. */
export function setProperty(a: Analysis, block: BoundBlock | undefined, prop: string, part: string, value: string): TextEdit[] {
  if (!block) return [];
  const existing = block.props.get(prop)?.at(-1);
  const v = existing?.match.values[part];
  if (v) return [{ start: v.start, end: v.end, newText: value }];
  return insertLine(a, block, `${prop} ${value}`);
}

export function insertLine(a: Analysis, block: BoundBlock, line: string): TextEdit[] {
  const first = block.member.body?.members[0];
  if (first) {
    const at = lineStart(a.text, first.start);
    return [{ start: at, end: at, newText: `${indentAt(a.text, first.start)}${line}\n` }];
  }
  const open = block.member.body!.start + 1;
  return [{ start: open, end: open, newText: `\n${indentAt(a.text, block.member.start)}  ${line}\n${indentAt(a.text, block.member.start)}` }];
}

export function replaceSpan(span: Span, newText: string): TextEdit {
  return { start: span.start, end: span.end, newText };
}

/** Replaces a whole block (keyword to closing brace) with lines re-indented to where it stands. */
export function replaceBlock(a: Analysis, block: BoundBlock, lines: string[]): TextEdit {
  const indent = indentAt(a.text, block.member.start);
  return { start: block.member.start, end: block.member.end, newText: lines.map((l, i) => (i === 0 ? l : indent + l)).join('\n') };
}
