// The canonical layout of a scenario: two-space indentation per block level, one
// member per line, single spaces between values, `,` glued to the value before it,
// at most one blank line in a row and none just inside braces, one newline at the
// end. Comments are kept verbatim (trailing spaces trimmed); a trailing comment
// keeps its column when the line still fits before it, so hand-aligned comments
// stay aligned. A block with a single property written on one line stays on one
// line (`host pm1 { hardware poweredge }`); anything else is expanded.
//
// Works on tokens, not on the syntax tree, so nothing the parser would drop can be
// lost. Refuses (returns null) when the text has syntax errors: re-indenting around
// a missing brace would move lines into the wrong block.
import type { IToken } from 'chevrotain';
import { lex, LBrace, Newline, NumberLit, RBrace, Comma } from './syntax/lexer';
import { parse } from './syntax/parser';
import { fileSizeProblem } from './validation/rules/limits';
import { LineIndex } from './lineIndex';

const INDENT = '  ';

interface Item {
  tok?: IToken;
  comment?: IToken;
  start: number;
}

interface Line {
  depth: number;
  text: string;
  /** Trailing comment and the column it had in the source. */
  comment?: { text: string; column: number };
  /** A blank line goes before this one. */
  blankBefore: boolean;
}

export function format(text: string): string | null {
  if (fileSizeProblem(text)) return null;
  if (parse(text).errors.length > 0) return null;
  const { tokens, comments } = lex(text);
  const items: Item[] = [...tokens.map((tok) => ({ tok, start: tok.startOffset })), ...comments.map((comment) => ({ comment, start: comment.startOffset }))].sort((a, b) => a.start - b.start);
  const index = new LineIndex(text);
  const lines: Line[] = [];
  let depth = 0;
  let cur: string[] = [];
  let prevTok: IToken | undefined;
  /** Line breaks in the source since the last content; two or more mean a blank line. */
  let breaks = 0;
  let afterOpen = true;
  let closeLine = false;

  const flush = (comment?: Line['comment']) => {
    if (cur.length === 0 && !comment) return;
    lines.push({ depth, text: cur.join(''), comment, blankBefore: breaks >= 2 && !afterOpen });
    cur = [];
    breaks = 0;
    afterOpen = false;
    closeLine = false;
  };
  const append = (t: IToken) => {
    const glue = cur.length === 0 || t.tokenType === Comma || (t.image === 'N' && prevTok?.tokenType === NumberLit);
    cur.push(glue ? t.image : ' ' + t.image);
    prevTok = t;
  };

  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.comment) {
      const body = it.comment.image.trimEnd();
      if (cur.length) {
        flush({ text: body, column: index.position(it.start).character });
      } else {
        cur = [body];
        flush();
      }
      continue;
    }
    const t = it.tok!;
    if (t.tokenType === Newline) {
      if (cur.length) flush();
      if (t.image !== ';') breaks++;
      continue;
    }
    if (closeLine) flush();
    if (t.tokenType === LBrace) {
      const close = oneLinerEnd(items, i);
      if (close !== undefined) {
        const inner = items.slice(i + 1, close).map((x) => x.tok!);
        cur.push(cur.length ? ' {' : '{');
        prevTok = t;
        for (const x of inner) append(x);
        cur.push(' }');
        prevTok = items[close].tok;
        i = close;
        continue;
      }
      cur.push(cur.length ? ' {' : '{');
      prevTok = t;
      flush();
      depth++;
      afterOpen = true;
      continue;
    }
    if (t.tokenType === RBrace) {
      if (cur.length) flush();
      depth = Math.max(0, depth - 1);
      breaks = 0; // no blank line before a closing brace
      cur = ['}'];
      prevTok = t;
      closeLine = true;
      continue;
    }
    append(t);
  }
  flush();

  const eol = /\r\n/.test(text.slice(0, text.search(/[\r\n]/) + 2)) ? '\r\n' : '\n';
  const out = lines.map((l, idx) => {
    const content = INDENT.repeat(l.depth) + l.text;
    const withComment = l.comment ? content.padEnd(Math.max(l.comment.column, content.length + 1)) + l.comment.text : content;
    return (l.blankBefore && idx > 0 ? eol : '') + withComment;
  });
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  return out.length ? bom + out.join(eol) + eol : bom;
}

/**
 * When the block opened at items[open] holds one line of tokens (no line break, no
 * nested block, no comment) and closes on the same line, the index of its '}'.
 */
function oneLinerEnd(items: Item[], open: number): number | undefined {
  for (let j = open + 1; j < items.length; j++) {
    const x = items[j];
    if (x.comment) return undefined;
    const type = x.tok!.tokenType;
    if (type === Newline || type === LBrace) return undefined;
    if (type === RBrace) return j;
  }
  return undefined;
}
