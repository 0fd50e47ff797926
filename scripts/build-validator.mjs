// Writes the scenario schema's validator as code next to the compiled schema check (ajv's standalone code), so
// that no command compiles the schema when it starts: src/scenario/schema-check.ts uses it when the schema it
// checks against is the one it was generated from (same hash), and compiles the schema itself otherwise.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { PRECOMPILED_VALIDATOR, scenarioAjv, schemaHash } from '../dist/src/scenario/schema-check.js';
import { scenarioFileSchema } from '../dist/src/scenario/schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const schema = scenarioFileSchema();
const ajv = scenarioAjv({ code: { source: true } });
const code = standaloneCode(ajv, ajv.compile(schema));
writeFileSync(
  join(root, 'dist/src/scenario', PRECOMPILED_VALIDATOR),
  `${code}\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash(schema))};\n`,
);
