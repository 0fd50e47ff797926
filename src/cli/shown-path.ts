import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * A scenario path as the reports show it, the same whatever spelling was typed (`./a.yaml`, `/home/me/a.yaml`,
 * `x/../a.yaml`), so that two identical runs write byte-identical pages: relative to the working folder for a file
 * inside it, else absolute (a chain of ../ says less than the path itself); forward slashes. Messages on the
 * terminal keep the path as typed.
 */
export function shownPath(path: string, cwd: string = process.cwd()): string {
  const absolute = resolve(cwd, path);
  const inside = relative(cwd, absolute);
  const shown = inside.startsWith('..') || isAbsolute(inside) ? absolute : inside;
  return shown.split(sep).join('/');
}
