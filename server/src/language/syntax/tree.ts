// The syntax tree. Parsing never fails: it always returns a Document plus the syntax
// errors it met, so every later stage (validation, model, editor features) works on
// partial input while the user types. Positions are UTF-16 offsets into the text.

export interface Span {
  start: number;
  end: number;
}

/** Whether two spans share an offset, ends included (a cursor at either end of a statement touches it). */
export function touches(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export type AtomKind = 'number' | 'ident' | 'string' | 'percent' | 'comma';

export interface Atom extends Span {
  kind: AtomKind;
  /** Source text of the atom (strings without their quotes, unescaped). */
  text: string;
  /** Numeric value for 'number' atoms. */
  value?: number;
  /** Unit written right after a number ("120 s", "32 MiB/s", "70 %", "2N"). */
  unit?: string;
  /** Span of the unit when there is one. */
  unitSpan?: Span;
}

/** `key arg arg ... [{ members }]`: a property when it has no body, a block when it has one. */
export interface Member extends Span {
  key: Atom;
  args: Atom[];
  body?: Block;
}

export interface Block extends Span {
  members: Member[];
  /** False when the closing brace is missing (the block then ends at the end of the file). */
  closed: boolean;
}

export interface Comment extends Span {
  text: string;
}

export interface SyntaxError extends Span {
  code: string;
  message: string;
}

export interface Document {
  members: Member[];
  comments: Comment[];
  errors: SyntaxError[];
  /** Length of the text, for ranges that point at the end of the file. */
  length: number;
}

export function isBlock(m: Member): m is Member & { body: Block } {
  return m.body !== undefined;
}
