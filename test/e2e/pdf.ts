// PDF inspection for browser tests with poppler-utils (installed by .ci/run): the text of each page.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withFile<T>(pdf: Buffer, f: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'scp-pdf-'));
  try {
    const path = join(dir, 'doc.pdf');
    writeFileSync(path, pdf);
    return f(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page, in reading order (pdftotext splits pages with a form feed). */
export function pdfPages(pdf: Buffer): string[] {
  return withFile(pdf, (path) => {
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
    const pages = text.split('\f');
    if (pages.at(-1)?.trim() === '') pages.pop();
    return pages;
  });
}
