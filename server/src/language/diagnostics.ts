// Diagnostics of the language layer: offset-based, with a stable code and optional fixes
// expressed as plain text edits. The LSP layer turns them into protocol types; the CLI
// prints them. Nothing here knows about LSP.
import type { Span } from './syntax/tree';

export type Severity = 'error' | 'warning' | 'info';

export interface TextEdit extends Span {
  newText: string;
}

/** A quick fix whose edits are known when the diagnostic is made. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants (applied by "fix all" style actions). */
  preferred?: boolean;
}

export interface Diagnostic extends Span {
  code: string;
  severity: Severity;
  message: string;
  fixes?: Fix[];
  /** Other places that explain the problem (e.g. the first declaration of a duplicate). */
  related?: { span: Span; message: string }[];
}

export type Report = (d: Diagnostic) => void;
