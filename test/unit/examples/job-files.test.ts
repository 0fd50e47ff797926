/**
 * The shipped job files (issue 15, item 6): the Kubernetes Indexed Job is valid against the Kubernetes OpenAPI
 * schema as packaged by kubernetes-models (its `validate()` runs the JSON schema of batch/v1 Job), and both it and the
 * Slurm array run one shard per index, as many shards as indexes, with arguments `clustersim compare` accepts.
 */
import { readFileSync } from 'node:fs';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCompareArgs } from '../../../src/cli/compare-command.js';

const job = parse(readFileSync('examples/kubernetes/indexed-job.yaml', 'utf8'));
const container = job.spec.template.spec.containers[0];

describe('examples/kubernetes/indexed-job.yaml', () => {
  it('is a valid batch/v1 Job (and the validator does reject a wrong value)', () => {
    expect(() => new Job(job).validate()).not.toThrow();
    const wrong = structuredClone(job);
    wrong.spec.completionMode = 'Indexd';
    expect(() => new Job(wrong).validate()).toThrow(/completionMode/);
  });

  it('is an Indexed Job of as many completions as --shards, each writing its own folder', () => {
    expect(job.spec.completionMode).toBe('Indexed');
    const args: string[] = container.args;
    expect(Number(args[args.indexOf('--shards') + 1])).toBe(job.spec.completions);
    expect(args[args.indexOf('--out') + 1]).toBe('/study/shards/$(SHARD_INDEX)');
    expect(container.env).toContainEqual({
      name: 'SHARD_INDEX',
      valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
    });
  });

  it('passes clustersim compare arguments it accepts', async () => {
    expect(container.command).toEqual(['node', 'bin/clustersim.js']);
    process.env.JOB_COMPLETION_INDEX = '7';
    try {
      const parsed = await parseCompareArgs(container.args.slice(1));
      expect(parsed.ok && parsed.request.shard).toEqual({ index: 7, count: 8 });
    } finally {
      delete process.env.JOB_COMPLETION_INDEX;
    }
  });
});

describe('examples/slurm/array.sbatch', () => {
  const script = readFileSync('examples/slurm/array.sbatch', 'utf8');

  it('runs an array of indexes 0 to n-1 with --shards n, each task writing its own folder', () => {
    const [, last] = /^#SBATCH --array=0-(\d+)$/m.exec(script) ?? [];
    expect(last).toBeDefined();
    expect(script).toContain(`--shards ${Number(last) + 1} `);
    expect(script).toContain('--out "study/shards/${SLURM_ARRAY_TASK_ID}"');
  });
});
