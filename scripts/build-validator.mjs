// Writes the scenario schema's validator as code next to the compiled schema check (ajv's standalone code), so
// that no command compiles the schema when it starts: src/scenario/schema-check.ts uses it when the schema it
// checks against is the one it was generated from (same hash), and compiles the schema itself otherwise.
// Then its V8 code cache, made after checking every bundled scenario (so that it holds the functions a check runs):
// src/code-cached-module.ts.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { parse } from 'yaml';
import { loadCodeCachedModule, removeCodeCache, writeCodeCache } from '../dist/src/code-cached-module.js';
import { PRECOMPILED_VALIDATOR, scenarioAjv, schemaHash } from '../dist/src/scenario/schema-check.js';
import { scenarioFileSchema } from '../dist/src/scenario/schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const schema = scenarioFileSchema();
const ajv = scenarioAjv({ code: { source: true } });
const code = standaloneCode(ajv, ajv.compile(schema));
const validatorFile = join(root, 'dist/src/scenario', PRECOMPILED_VALIDATOR);
removeCodeCache(validatorFile);
// ASCII only, every other character as its \u escape (the schema's units, such as µs, are in its strings and patterns,
// where an escape means the same character): V8 keeps a source with any other character as two bytes a character,
// which made every command's start read, decode and scan twice the bytes.
// A backslash right before such a character would make its escape a different one: none today, and a build error if
// a schema ever brings one.
if (/\\[^\x00-\x7f]/.test(code)) throw new Error('build-validator: a backslash before a non-ASCII character; escape it by hand');
const ascii = code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
writeFileSync(validatorFile, `${ascii}\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash(schema))};\n`);

const validator = loadCodeCachedModule(validatorFile);
const scenarios = join(root, 'scenarios');
for (const name of readdirSync(scenarios).filter((f) => f.endsWith('.yaml'))) {
  validator.exports(parse(readFileSync(join(scenarios, name), 'utf8')));
}
writeCodeCache(validatorFile, validator);
