import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The sibling a directory is built in: hidden, and named after the process so parallel runs do not collide. */
export function temporarySibling(target: string): string {
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
}

/**
 * Creates `target` as a complete directory or not at all: `fill` writes into a temporary sibling, which is renamed
 * into place only when `fill` succeeded (an older `target` is removed just before). On any error the temporary
 * sibling is removed and the error rethrown, so a reader never sees a half-written directory.
 */
export async function writeDirAtomically(target: string, fill: (dir: string) => Promise<void>): Promise<void> {
  const temporary = temporarySibling(target);
  await mkdir(dirname(target), { recursive: true });
  // A leftover from a crashed process that had the same pid would otherwise leak into this report.
  await rm(temporary, { recursive: true, force: true });
  await mkdir(temporary);
  try {
    await fill(temporary);
    await rm(target, { recursive: true, force: true });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}
