// Folding: every block that spans lines (its closing brace stays visible), and runs of
// two or more whole-line comments.
import type { Analysis } from '../../language';
import type { LineIndex } from '../../language/lineIndex';
import type { Member } from '../../language/syntax/tree';

export interface Fold {
  startLine: number;
  endLine: number;
  comment?: boolean;
}

export function folds(a: Analysis, index: LineIndex): Fold[] {
  const out: Fold[] = [];
  const line = (o: number) => index.position(o).line;
  const walk = (members: Member[]) => {
    for (const m of members) {
      if (!m.body) continue;
      const start = line(m.start);
      // A closed block ends at its '}' (kept visible); an unclosed one at its last line.
      const end = m.body.closed ? line(m.body.end - 1) - 1 : line(m.body.end);
      if (end > start) out.push({ startLine: start, endLine: end });
      walk(m.body.members);
    }
  };
  walk(a.document.members);

  let run: { start: number; end: number } | undefined;
  const close = () => {
    if (run && run.end > run.start) out.push({ startLine: run.start, endLine: run.end, comment: true });
    run = undefined;
  };
  for (const c of a.document.comments) {
    const l = line(c.start);
    const alone = a.text.slice(index.offset(l, 0), c.start).trim() === '';
    if (!alone) {
      close();
      continue;
    }
    if (run && l === run.end + 1) run.end = l;
    else {
      close();
      run = { start: l, end: l };
    }
  }
  close();
  return out.sort((x, y) => x.startLine - y.startLine);
}
