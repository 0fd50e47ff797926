import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../../src/scenario/index.js';

const SHIPPED = 'schema/scenario.schema.json';

/** A plain draft-07 validator over the shipped file, as an editor would use it (our annotations are unknown to it). */
function editorValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(readFileSync(SHIPPED, 'utf8')) as object);
}

describe('the JSON Schema', () => {
  test('the shipped file is exactly what the TypeBox source generates', () => {
    // When this fails after a change to the schema or the policy registry, regenerate the file:
    //   npm run build && node bin/clustersim.js schema > schema/scenario.schema.json
    expect(readFileSync(SHIPPED, 'utf8'), 'schema/scenario.schema.json is stale: regenerate it').toBe(scenarioJsonSchemaText());
  });

  test('is a valid draft-07 schema that accepts every example scenario', () => {
    const validate = editorValidator();
    const files = readdirSync('scenarios').filter((name) => /\.(ya?ml|json)$/.test(name));
    expect(files).toContain('web-tier.yaml');
    for (const file of files) {
      const data: unknown = parse(readFileSync(`scenarios/${file}`, 'utf8'));
      expect(validate(data), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  test('flags what an editor should flag: unknown keys, wrong types, bad units', () => {
    const validate = editorValidator();
    const scenario = (node: object) => ({
      duration: '1h',
      nodes: [{ group: 'web', ...node }],
      workload: [{ class: 'a', arrivals: { process: 'poisson', rate: '1/s' }, work: '1s' }],
    });
    expect(validate(scenario({}))).toBe(true);
    expect(validate(scenario({ coers: 2 }))).toBe(false);
    expect(validate(scenario({ cores: 'two' }))).toBe(false);
    expect(validate(scenario({ storage: '100' }))).toBe(false);
    expect(validate(scenario({ bandwidth: '1Gbps' }))).toBe(true);
  });

  test('every property has a description, so editors can show help', () => {
    const missing: string[] = [];
    const walk = (schema: unknown, path: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const record = schema as Record<string, unknown>;
      if (typeof record.properties === 'object' && record.properties !== null) {
        for (const [key, property] of Object.entries(record.properties as Record<string, Record<string, unknown>>)) {
          if (typeof property.description !== 'string' || property.description === '') missing.push(`${path}.${key}`);
          walk(property, `${path}.${key}`);
        }
      }
      for (const key of ['items', 'anyOf']) {
        const child = record[key];
        if (Array.isArray(child)) child.forEach((c, i) => walk(c, `${path}.${key}${i}`));
        else walk(child, `${path}.${key}`);
      }
    };
    walk(scenarioJsonSchema(), '');
    expect(missing).toEqual([]);
  });
});
