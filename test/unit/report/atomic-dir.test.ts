import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recoverInterruptedWrites, writeDirAtomically, type WritePhase } from '../../../src/report/index.js';

/** The id of a process that has already ended: what a killed run leaves in its folder names. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid;
  expect(pid).toBeGreaterThan(0);
  return pid!;
}

async function folder(dir: string, files: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
}

async function contents(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')] as const)));
}

const OLD = { 'a.txt': 'old a', 'b.txt': 'old b' };
const NEW = { 'a.txt': 'new a', 'b.txt': 'new b', 'c.txt': 'new c' };

/** Fills a folder with NEW, one file at a time, through the checkpoint as the report writers do. */
const fillNew = async (dir: string, checkpoint: () => Promise<void>) => {
  for (const [name, text] of Object.entries(NEW)) {
    await writeFile(join(dir, name), text);
    await checkpoint();
  }
};

describe('writeDirAtomically', () => {
  let out: string;
  let target: string;
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'clustersim-atomic-'));
    target = join(out, 'web-tier');
  });
  afterEach(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('fills a temporary sibling, sets the old folder aside, renames the new one in, then removes the old', async () => {
    await folder(target, OLD);
    const seen: Record<string, unknown>[] = [];
    const onPhase = async (phase: WritePhase) => {
      seen.push({ phase, entries: (await readdir(out)).sort(), target: existsSync(target) ? await contents(target) : null });
    };
    await writeDirAtomically(target, fillNew, { onPhase });
    expect(seen).toEqual([
      // after the first file: the old folder untouched, the new one half filled
      { phase: 'writing', entries: [`.web-tier.tmp-${process.pid}`, 'web-tier'], target: OLD },
      // the instant between the two renames: the old one aside, the new one complete, neither in place
      { phase: 'replacing', entries: [`.web-tier.old-${process.pid}`, `.web-tier.tmp-${process.pid}`], target: null },
    ]);
    expect(await readdir(out)).toEqual(['web-tier']);
    expect(await contents(target)).toEqual(NEW);
  });

  for (const phase of ['writing', 'replacing'] as const) {
    it(`aborted at ${phase}: rejects with the reason, the old folder in place as it was, no sibling left`, async () => {
      await folder(target, OLD);
      const controller = new AbortController();
      const reason = new Error('interrupted');
      const onPhase = (at: WritePhase) => {
        if (at === phase) controller.abort(reason);
      };
      await expect(writeDirAtomically(target, fillNew, { signal: controller.signal, onPhase })).rejects.toBe(reason);
      expect(await readdir(out)).toEqual(['web-tier']);
      expect(await contents(target)).toEqual(OLD);
    });

    it(`aborted at ${phase} with no older folder: nothing at all is left`, async () => {
      const controller = new AbortController();
      const onPhase = (at: WritePhase) => {
        if (at === phase) controller.abort(new Error('interrupted'));
      };
      await expect(writeDirAtomically(target, fillNew, { signal: controller.signal, onPhase })).rejects.toThrow('interrupted');
      expect(await readdir(out)).toEqual([]);
    });
  }

  it('already aborted: touches nothing', async () => {
    await folder(target, OLD);
    await expect(writeDirAtomically(target, fillNew, { signal: AbortSignal.abort(new Error('no')) })).rejects.toThrow('no');
    expect(await readdir(out)).toEqual(['web-tier']);
    expect(await contents(target)).toEqual(OLD);
  });

  it('a failing fill leaves the old folder and no sibling', async () => {
    await folder(target, OLD);
    const failing = async (dir: string) => {
      await writeFile(join(dir, 'a.txt'), 'half');
      throw new Error('disk full');
    };
    await expect(writeDirAtomically(target, failing)).rejects.toThrow('disk full');
    expect(await readdir(out)).toEqual(['web-tier']);
    expect(await contents(target)).toEqual(OLD);
  });
});

describe('recoverInterruptedWrites: what killed runs left behind', () => {
  let out: string;
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'clustersim-recover-'));
  });
  afterEach(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('puts back a set-aside report whose process is gone when its folder is missing, and removes its temporary folder', async () => {
    const pid = deadPid();
    await folder(join(out, `.web-tier.old-${pid}`), OLD);
    await folder(join(out, `.web-tier.tmp-${pid}`), { 'a.txt': 'new a' });
    const notices = await recoverInterruptedWrites(out);
    expect(await readdir(out)).toEqual(['web-tier']);
    expect(await contents(join(out, 'web-tier'))).toEqual(OLD);
    expect(notices).toEqual([
      `restored the previous report ${join(out, 'web-tier')} (process ${pid} was stopped while replacing it)`,
      `removed ${join(out, `.web-tier.tmp-${pid}`)}, left by process ${pid}, which was stopped while writing`,
    ]);
  });

  it('removes a set-aside report when the folder is in place (the kill came after the new one was renamed in)', async () => {
    const pid = deadPid();
    await folder(join(out, 'web-tier'), NEW);
    await folder(join(out, `.web-tier.old-${pid}`), OLD);
    const notices: string[] = [];
    await recoverInterruptedWrites(out, { onNotice: (text) => notices.push(text) });
    expect(await readdir(out)).toEqual(['web-tier']);
    expect(await contents(join(out, 'web-tier'))).toEqual(NEW);
    expect(notices).toHaveLength(1);
  });

  it('leaves alone the folders of running processes, this one included unless it names the folder about to be written', async () => {
    const running = process.ppid; // the test runner's parent: alive for as long as this test runs
    const kept = [`.bursty.tmp-${running}`, `.web-tier.old-${running}`, `.bursty.tmp-${process.pid}`, 'web-tier', '.hidden', 'x.tmp-1'];
    for (const name of kept) await folder(join(out, name), { 'a.txt': name });
    await folder(join(out, `.web-tier.tmp-${process.pid}`), { 'a.txt': 'from an earlier process with this id' });
    const notices = await recoverInterruptedWrites(out, { ownTarget: 'web-tier' });
    expect((await readdir(out)).sort()).toEqual([...kept].sort());
    expect(notices).toHaveLength(1);
  });

  it('a folder that does not exist yet: nothing to do', async () => {
    expect(await recoverInterruptedWrites(join(out, 'missing'))).toEqual([]);
  });
});
