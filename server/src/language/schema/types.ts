// The schema describes what each block and property means: the single source of truth
// for validation of shapes and units, hover documentation and completion.
import type { Dimension } from '../units';

export type SymbolKind = 'hardware' | 'host' | 'storage' | 'network' | 'flavor' | 'vm' | 'cluster' | 'sip_application';

/** One piece of a property's value, matched left to right against the atoms of a line. */
export type Part =
  | { t: 'q'; name: string; dim: Dimension; min?: number; max?: number; integer?: boolean }
  | { t: 'num'; name: string; min?: number; max?: number; integer?: boolean }
  | { t: 'ref'; name: string; kind: SymbolKind }
  | { t: 'kw'; word: string }
  | { t: 'enum'; name: string; values: readonly string[] }
  | { t: 'str'; name: string }
  | { t: 'bool'; name: string }
  | { t: 'list'; name: string; values: readonly string[] }
  | { t: 'opt'; parts: Part[] }
  | { t: 'words'; name: string };

export interface PropDef {
  name: string;
  parts: Part[];
  doc: string;
  /** Default as the user would write it; absent when the property is required or has none. */
  default?: string;
  /** Where the meaning or the default comes from (paper section, RFC, qemu source, datasheet). */
  source: string;
  required?: boolean;
  /** May appear several times (nic, migrate, at). */
  repeat?: boolean;
  /** An example line, for completion snippets and the language reference. */
  example: string;
}

export interface BlockDef {
  kind: string;
  /** Whether the header carries a name, and what kind of symbol it declares. */
  name: 'required' | 'optional' | 'none' | 'number';
  declares?: SymbolKind;
  doc: string;
  source: string;
  props: PropDef[];
  blocks: BlockDef[];
  /** May appear several times at its level (named blocks always may). */
  repeat?: boolean;
  required?: boolean;
  example: string;
}
