// Folders for files a test writes: in the system's temp folder, removed when the test ends, so
// that test runs do not pile up directories there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/** A new, empty folder `sipmig-<name>-XXXXXX`, removed with its files when the calling test finishes. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `sipmig-${name}-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
