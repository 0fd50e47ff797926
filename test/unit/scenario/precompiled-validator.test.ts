/**
 * The build writes the scenario schema's validator as code (scripts/build-validator.mjs), and the compiled CLI uses
 * it instead of compiling the schema at every start. It must be the validator of today's schema, and it must find
 * what the compiled one finds, error for error: every example and fixture scenario, each also broken five ways.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PRECOMPILED_VALIDATOR, scenarioAjv, schemaHash } from '../../../src/scenario/schema-check.js';
import { scenarioFileSchema } from '../../../src/scenario/schema.js';

const generated = createRequire(new URL('../../../dist/src/scenario/', import.meta.url))(PRECOMPILED_VALIDATOR) as ((
  data: unknown,
) => boolean) & { errors?: unknown; schemaHash: string };

describe('the validator compiled by the build', () => {
  const schema = scenarioFileSchema();

  it("is the validator of today's schema (npm run build writes it)", () => {
    expect(generated.schemaHash).toBe(schemaHash(schema));
  });

  it('finds the same errors as the schema compiled now, on every example and fixture, whole and broken', () => {
    const compiled = scenarioAjv().compile(schema);
    const files = ['scenarios', 'test/fixtures/scenarios'].flatMap((dir) =>
      readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => `${dir}/${f}`),
    );
    let checked = 0;
    let invalid = 0;
    for (const file of files) {
      let data: Record<string, unknown>;
      try {
        data = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      } catch {
        continue; // a fixture that is not YAML on purpose
      }
      const broken = [
        data,
        { ...data, nodes: 5 },
        { ...data, topology: { kind: 'nope' } },
        { ...data, arrivals: { process: 'x' } },
        { ...data, duration: -1, extra: 1 },
        { ...data, failures: [{ kind: 'crash', mtbf: true }] },
      ];
      for (const variant of broken) {
        const expected = compiled(variant);
        expect(generated(variant), file).toBe(expected);
        expect(JSON.stringify(generated.errors ?? null), file).toBe(JSON.stringify(compiled.errors ?? null));
        checked++;
        if (!expected) invalid++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(invalid).toBeGreaterThan(checked / 2);
  });
});
