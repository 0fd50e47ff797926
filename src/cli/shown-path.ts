import { relative, resolve, sep } from 'node:path';

/**
 * A scenario path as the reports show it: relative to the working folder, with forward slashes, whatever spelling
 * was typed (`./a.yaml`, `/home/me/a.yaml`, `x/../a.yaml`), so that two identical runs write byte-identical pages.
 * Messages on the terminal keep the path as typed.
 */
export function shownPath(path: string, cwd: string = process.cwd()): string {
  return relative(cwd, resolve(cwd, path)).split(sep).join('/');
}
