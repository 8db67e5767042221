// Open documents and their analysis, computed once per version and only when asked for:
// a burst of changes analyzes only the versions something actually looks at.
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis } from '../language';
import { LineIndex } from '../language/lineIndex';

export interface Snapshot {
  uri: string;
  version: number;
  text: string;
  analysis: Analysis;
  index: LineIndex;
}

export class DocumentStore {
  private readonly cache = new Map<string, Snapshot>();

  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  get(uri: string): Snapshot | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const cached = this.cache.get(uri);
    if (cached?.version === doc.version) return cached;
    const text = doc.getText();
    // The last analysis of this document lets a keystroke re-parse only the block it touched.
    const snap: Snapshot = { uri, version: doc.version, text, analysis: analyze(text, cached?.analysis), index: new LineIndex(text) };
    this.cache.set(uri, snap);
    return snap;
  }

  version(uri: string): number | undefined {
    return this.documents.get(uri)?.version;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  uris(): string[] {
    return this.documents.keys();
  }
}
