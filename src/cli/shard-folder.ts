/**
 * Shard folders: what `--shard i/n` writes and `clustersim merge` reads. A folder holds
 * - manifest.json: `{ format, command, study, shard: { index, count }, total, units: [{ position, id }] }`, readable;
 * - plan.bin: the study as resolved (the scenarios, or the comparison's plan), so merge needs no scenario file;
 * - units/<position>.v8.gz: each unit's outcome as plain data, sketches and all, gzipped (16 times smaller: a
 *   web-tier unit is 680 kB, 41 kB gzipped).
 * Both are node:v8 serialisations, the structured clone the worker threads already exchange outcomes in:
 * unlike JSON it keeps typed arrays, NaN, -0 and Infinity, so a merged report is the same, bit for bit, as one run
 * on one machine. `study` is the SHA-256 of plan.bin: shards of two different studies are never merged.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { gunzipSync, gzipSync } from 'node:zlib';
import { outcomeFromData, outcomeToData, type OutcomeData } from '../experiment/outcome-data.js';
import type { ReplicationOutcome } from '../experiment/replication.js';
import type { Shard } from '../experiment/units.js';
import { reviveNodeTables } from '../model/node-table.js';

export const SHARD_FORMAT = 'clustersim-shard/1';

export interface ShardManifest {
  format: typeof SHARD_FORMAT;
  command: 'run' | 'compare' | 'size';
  study: string;
  shard: Shard;
  total: number;
  units: { position: number; id: string }[];
}

/** Opens a shard folder for writing: the manifest and plan now, each outcome as it comes. */
export async function startShardFolder(
  dir: string,
  command: ShardManifest['command'],
  plan: unknown,
  shard: Shard,
  total: number,
  units: { position: number; id: string }[],
): Promise<{ writeOutcome: (position: number, outcome: ReplicationOutcome) => Promise<void> }> {
  const planBytes = serialize(plan);
  await mkdir(join(dir, 'units'), { recursive: true });
  // A folder of another study (or an older run of this one) is not mixed in: each outcome file is rewritten, and
  // merge reads only the units the manifest lists.
  await writeFile(join(dir, 'plan.bin'), planBytes);
  const manifest: ShardManifest = { format: SHARD_FORMAT, command, study: studyOf(plan), shard, total, units };
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  return {
    writeOutcome: (position, outcome) => writeFile(unitFile(dir, position), gzipSync(serialize(outcomeToData(outcome)))),
  };
}

/**
 * The study's fingerprint: SHA-256 of the plan as canonical JSON (non-finite numbers spelt out), not of plan.bin,
 * whose bytes may depend on how V8 happens to hold a string, not only on its characters.
 */
function unitFile(dir: string, position: number): string {
  return join(dir, 'units', `${position}.v8.gz`);
}

function studyOf(plan: unknown): string {
  const text = JSON.stringify(plan, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? `number:${String(value)}` : value,
  );
  return createHash('sha256').update(text).digest('hex');
}

export interface OpenedShards {
  command: ShardManifest['command'];
  plan: unknown;
  total: number;
  /**
   * Reads the outcome at a position of the study (every position is there: checked on opening). Synchronous, so that
   * a fold can pull outcomes one at a time and drop each once folded: memory stays that of one outcome.
   */
  outcome: (position: number) => ReplicationOutcome;
}

/** Reads the manifests of every folder and checks that together they hold each unit of one study exactly once. */
export async function openShards(
  folders: readonly string[],
  idsOf: (command: ShardManifest['command'], plan: unknown) => readonly string[],
): Promise<OpenedShards | { error: string }> {
  const manifests: { folder: string; manifest: ShardManifest }[] = [];
  for (const folder of folders) {
    let text: string;
    try {
      text = await readFile(join(folder, 'manifest.json'), 'utf8');
    } catch {
      const listing = await readdir(folder).catch(() => undefined);
      return { error: listing === undefined ? `${folder}: no such folder` : `${folder}: not a shard folder (no manifest.json)` };
    }
    let manifest: ShardManifest;
    try {
      manifest = JSON.parse(text) as ShardManifest;
    } catch {
      return { error: `${folder}/manifest.json: not JSON` };
    }
    if (manifest.format !== SHARD_FORMAT) return { error: `${folder}/manifest.json: format is ${JSON.stringify(manifest.format)}, expected '${SHARD_FORMAT}'` };
    manifests.push({ folder, manifest });
  }
  if (manifests.length === 0) return { error: 'name at least one shard folder' };
  const first = manifests[0];
  for (const { folder, manifest } of manifests.slice(1)) {
    if (manifest.study !== first.manifest.study || manifest.command !== first.manifest.command) {
      return { error: `${folder} and ${first.folder} are shards of different studies (other scenarios, options or clustersim versions); merge the shards of one study` };
    }
  }
  const holder = new Map<number, string>();
  const ids = new Map<number, string>();
  for (const { folder, manifest } of manifests) {
    for (const unit of manifest.units) {
      const other = holder.get(unit.position);
      if (other !== undefined) return { error: `unit ${unit.id} is in two shard folders, ${other} and ${folder}; merge each shard once` };
      holder.set(unit.position, folder);
      ids.set(unit.position, unit.id);
    }
  }
  const total = first.manifest.total;
  // The plan's specs come back as plain data: their node tables are made tables again.
  const plan = reviveNodeTables(deserialize(await readFile(join(first.folder, 'plan.bin'))) as unknown);
  const allIds = idsOf(first.manifest.command, plan);
  const missing: number[] = [];
  for (let position = 0; position < total; position++) if (!holder.has(position)) missing.push(position);
  if (missing.length > 0) {
    const count = first.manifest.shard.count;
    const shardsMissing = [...new Set(missing.map((p) => p % count))].sort((a, b) => a - b);
    const named = missing.slice(0, 5).map((p) => allIds[p] ?? `unit ${p}`);
    const more = missing.length > 5 ? `, and ${missing.length - 5} more` : '';
    return {
      error:
        `${missing.length} of ${total} units are missing: ${named.join(', ')}${more}; run the missing ` +
        `shard${shardsMissing.length === 1 ? '' : 's'} (${shardsMissing.map((i) => `--shard ${i}/${count}`).join(', ')}) and merge again`,
    };
  }
  return {
    command: first.manifest.command,
    plan,
    total,
    outcome: (position) => {
      const folder = holder.get(position)!;
      let bytes: Buffer;
      try {
        bytes = gunzipSync(readFileSync(unitFile(folder, position)));
      } catch {
        throw new Error(`unit ${ids.get(position)} is listed in ${folder}/manifest.json but its outcome file is missing`);
      }
      return outcomeFromData(deserialize(bytes) as OutcomeData);
    },
  };
}
