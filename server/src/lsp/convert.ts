// Language-layer values (UTF-16 offsets, offset-based diagnostics) to and from LSP types.
// The only place besides the handlers that knows the protocol.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type Position, type Range, type TextEdit } from 'vscode-languageserver';
import type { Diagnostic, TextEdit as LangEdit } from '../language/diagnostics';
import type { LineIndex } from '../language/lineIndex';
import type { Span } from '../language/syntax/tree';

export function toRange(index: LineIndex, span: Span): Range {
  return { start: index.position(span.start), end: index.position(span.end) };
}

export function toOffset(index: LineIndex, p: Position): number {
  return index.offset(p.line, p.character);
}

export function toSpan(index: LineIndex, r: Range): Span {
  return { start: toOffset(index, r.start), end: toOffset(index, r.end) };
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export function toLspDiagnostic(index: LineIndex, uri: string, d: Diagnostic): LspDiagnostic {
  return {
    range: toRange(index, d),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'sipmig',
    message: d.message,
    relatedInformation: d.related?.map((r) => ({ location: { uri, range: toRange(index, r.span) }, message: r.message })),
  };
}

export function toTextEdit(index: LineIndex, e: LangEdit): TextEdit {
  return { range: toRange(index, e), newText: e.newText };
}

