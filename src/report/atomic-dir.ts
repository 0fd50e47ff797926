import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { asideSibling, recoverInterruptedWrites, temporarySibling } from './interrupted-writes.js';

export { asideSibling, recoverInterruptedWrites, temporarySibling };

/** The steps of replacing a folder, named for the callers that watch them (tests pause at them). */
export type WritePhase = 'writing' | 'replacing';

export interface AtomicWriteOptions {
  /**
   * Once aborted, the write stops at its next step and rejects with the signal's reason; the previous folder, if
   * any, is then in place and untouched, and no temporary folder is left. A signal that comes after the new folder
   * was renamed in changes nothing: the write completes.
   */
  signal?: AbortSignal;
  /**
   * Awaited as each phase starts: `writing` once the first file is in the temporary folder, `replacing` after the
   * previous folder was renamed aside and before the new one is renamed in (the instant with neither in place).
   */
  onPhase?: (phase: WritePhase) => Promise<void> | void;
  /** One line per stale temporary or set-aside folder found next to the target and tidied up (see recoverInterruptedWrites). */
  onNotice?: (text: string) => void;
}

/** What `fill` calls after each file it writes: the write stops there when it has been aborted. */
export type Checkpoint = () => Promise<void>;

/** Writes one UTF-8 file into the folder being filled, then checks for a signal before the next one. */
export function fileWriter(dir: string, checkpoint: Checkpoint): (file: string, text: string) => Promise<void> {
  return async (file, text) => {
    await writeFile(join(dir, file), text, 'utf8');
    await checkpoint();
  };
}

/** Writes one UTF-8 file chunk by chunk (a large table never held as one string), then checks for a signal. */
export function chunkedFileWriter(dir: string, checkpoint: Checkpoint): (file: string, chunks: Iterable<string>) => Promise<void> {
  return async (file, chunks) => {
    const handle = await open(join(dir, file), 'w');
    try {
      for (const chunk of chunks) await handle.write(chunk, null, 'utf8');
    } finally {
      await handle.close();
    }
    await checkpoint();
  };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Creates or replaces `target` so that it always holds a complete folder, the old one or the new one:
 * `fill` writes into a temporary sibling (`.name.tmp-PID`); when it is done, an older `target` is renamed aside
 * (`.name.old-PID`), the new folder renamed in, and the old one removed. A failure or an abort before the new folder
 * is in place removes the temporary sibling and puts the old folder back. Only a hard kill between the two renames
 * leaves `target` missing, with the old folder under its set-aside name: the next write into the same parent folder
 * (recoverInterruptedWrites) renames it back.
 */
export async function writeDirAtomically(
  target: string,
  fill: (dir: string, checkpoint: Checkpoint) => Promise<void>,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const { signal, onPhase } = options;
  const temporary = temporarySibling(target);
  const aside = asideSibling(target);
  await mkdir(dirname(target), { recursive: true });
  await recoverInterruptedWrites(dirname(target), { ownTarget: basename(target), onNotice: options.onNotice });
  signal?.throwIfAborted();
  await mkdir(temporary);
  let started = false;
  const checkpoint: Checkpoint = async () => {
    if (!started) {
      started = true;
      await onPhase?.('writing');
    }
    signal?.throwIfAborted();
  };
  let setAside = false;
  try {
    await fill(temporary, checkpoint);
    await checkpoint();
    if (await exists(target)) {
      await rename(target, aside);
      setAside = true;
    }
    await onPhase?.('replacing');
    signal?.throwIfAborted();
    await rename(temporary, target);
  } catch (error) {
    // Nothing new is in place: put the old folder back first, so that the window without `target` stays short.
    if (setAside) await rename(aside, target);
    await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  // The new folder is in place: a set-aside folder that cannot be removed now is only disk space, and the next
  // write into this parent folder removes it once this process has ended.
  if (setAside) {
    await rm(aside, { recursive: true, force: true }).catch((error: unknown) => {
      options.onNotice?.(`could not remove ${aside} yet: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
