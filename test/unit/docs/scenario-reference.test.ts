/**
 * docs/scenario-reference.md is what `npm run schema` generates from the schema (issue 18.6): a key added to the
 * schema without regenerating fails here. Every example scenario starts with the yaml-language-server line that
 * points editors at the shipped schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { scenarioJsonSchema } from '../../../src/index.js';
import { scenarioReferenceMarkdown } from '../../../src/scenario/reference-markdown.js';

const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();

describe('docs/scenario-reference.md', () => {
  const generated = scenarioReferenceMarkdown(
    scenarioJsonSchema(),
    files.map((file) => ({ file, data: parse(readFileSync(`scenarios/${file}`, 'utf8')) })),
  );

  test('is current: regenerate with npm run schema', () => {
    expect(readFileSync('docs/scenario-reference.md', 'utf8')).toBe(generated);
  });

  test('has a row for every key of the schema written out here, with its unit and default', () => {
    for (const row of [
      '| `nodes[].cores` | integer | - | `1` |',
      '| `duration` | string or number | duration | - |',
      '| `failures[] (kind: crash).timeToRepair` |',
      '| `zones.<name>.region` |',
      '| `exponential.mean` |',
    ]) {
      expect(generated).toContain(row);
    }
  });
});

describe('example scenarios', () => {
  test.each(files)('%s starts with the schema line for editors', (file) => {
    expect(readFileSync(`scenarios/${file}`, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/scenario.schema.json');
  });
});
