import { readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The sibling a folder is built in: hidden, and named after the process so that parallel runs do not collide. */
export function temporarySibling(target: string): string {
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
}

/** Where the previous folder waits, for the instant of the replace, before it is removed. */
export function asideSibling(target: string): string {
  return join(dirname(target), `.${basename(target)}.old-${process.pid}`);
}

/** `.web-tier.tmp-4242` -> web-tier, tmp, 4242. */
const SIBLING = /^\.(.+)\.(tmp|old)-(\d+)$/;

/**
 * Whether a process with this id is running. EPERM means it runs under another user; a reused id reads as running,
 * which only leaves a stale folder for later, never removes a live one.
 */
function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export interface RecoverOptions {
  /**
   * The folder name this process is about to write. Its siblings named after this very process are leftovers of
   * an earlier process that had the same id; this process's other siblings may be writes in flight, left alone.
   */
  ownTarget?: string;
  /** One line per folder restored or removed. */
  onNotice?: (text: string) => void;
}

/**
 * Tidies up after runs that were killed while writing into `dir`: a set-aside previous folder (`.name.old-PID`)
 * whose process is gone is renamed back to `name` when `name` is missing (a kill between the two renames of a
 * replace) and removed otherwise; a temporary folder (`.name.tmp-PID`) whose process is gone is removed. Folders of
 * running processes are left alone. Returns the notices, also given to `onNotice` one by one.
 */
export async function recoverInterruptedWrites(dir: string, options: RecoverOptions = {}): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return []; // no folder yet: nothing was ever written there
  }
  const notices: string[] = [];
  const notice = (text: string) => {
    notices.push(text);
    options.onNotice?.(text);
  };
  const stale = entries
    .map((entry) => ({ entry, match: SIBLING.exec(entry) }))
    .filter(({ match }) => match !== null)
    .map(({ entry, match }) => ({ entry, name: match![1], kind: match![2] as 'tmp' | 'old', pid: Number(match![3]) }))
    .filter(({ name, pid }) => (pid === process.pid ? name === options.ownTarget : pid > 0 && !processRunning(pid)))
    // Set-aside folders first, so that a restored report is in place before anything else is removed.
    .sort((a, b) => (a.kind === b.kind ? a.entry.localeCompare(b.entry) : a.kind === 'old' ? -1 : 1));
  for (const { entry, name, kind, pid } of stale) {
    const path = join(dir, entry);
    const target = join(dir, name);
    try {
      if (kind === 'old' && !(await exists(target))) {
        await rename(path, target);
        notice(`restored the previous report ${target} (process ${pid} was stopped while replacing it)`);
      } else {
        await rm(path, { recursive: true, force: true });
        notice(`removed ${path}, left by process ${pid}, which was stopped while writing`);
      }
    } catch (error) {
      // Tidying up is a courtesy: a folder that cannot be moved stays for the user, and the write goes on.
      notice(`could not tidy up ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return notices;
}
