import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Ajv, type AnySchemaObject, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { loadCodeCachedModule } from '../code-cached-module.js';
import type { Finding, Findings } from './issues.js';
import type { FieldPath } from './paths.js';
import { QUANTITY, VALID } from './schema-parts.js';
import { scenarioFileSchema } from './schema.js';
import { didYouMean } from './suggest.js';

/**
 * Checks a parsed file against the scenario schema with ajv and turns ajv's errors into findings a person can act
 * on. Two things make raw ajv output unreadable, and both are handled here:
 * - a union (`anyOf`) reports the failures of every alternative; we keep only the alternative the user evidently
 *   meant (by the value's type, then by its tag such as `dist: exponential`), or one "unknown distribution" finding;
 * - quantities with units fail ajv's `pattern` with a regex in the message; the resolver parses them instead and
 *   says which unit is wrong, so schema errors on `x-quantity` values are dropped here.
 */
export function checkAgainstSchema(data: unknown, findings: Findings): void {
  const validate = validator();
  if (validate(data)) return;
  const errors = validate.errors ?? [];
  const { kept, unionFindings } = resolveUnions(errors);
  for (const error of kept) {
    const finding = toFinding(error);
    if (finding !== undefined) findings.error(finding);
  }
  for (const finding of unionFindings) findings.error(finding);
}

let compiled: { schema: unknown; validate: ValidateFunction } | undefined;

/** The ajv that checks scenarios; `options` adds to its own (the build asks for the code as source). */
export function scenarioAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, ...options });
  // Our annotations: ignored by validation, read back from `parentSchema` when wording messages.
  ajv.addVocabulary([VALID, QUANTITY]);
  return ajv;
}

/** What identifies a schema for the validator the build compiled ahead (scripts/build-validator.mjs). */
export function schemaHash(schema: unknown): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

/** The file the build writes next to this module: the built-in schema's validator as code. */
export const PRECOMPILED_VALIDATOR = './scenario-validator.generated.cjs';

/**
 * The validator compiled by the build, if it was compiled from this very schema. Compiling the schema took longer
 * than loading every module of the CLI (about half of `clustersim validate`'s time, and of every command's start);
 * the generated code is what ajv would compile, so the findings are the same (ajv's standalone code: same options,
 * same version). Absent when running from the TypeScript sources or with a topology registered at run time.
 */
function precompiled(schema: unknown): ValidateFunction | undefined {
  try {
    const file = fileURLToPath(new URL(PRECOMPILED_VALIDATOR, import.meta.url));
    const module = loadCodeCachedModule(file).exports as ValidateFunction & { schemaHash?: string };
    return module.schemaHash === schemaHash(schema) ? module : undefined;
  } catch {
    return undefined;
  }
}

/** Compiled once per schema: a new one only when a topology was registered since. */
function validator(): ValidateFunction {
  const schema = scenarioFileSchema();
  if (compiled === undefined || compiled.schema !== schema) {
    compiled = { schema, validate: precompiled(schema) ?? scenarioAjv().compile(schema) };
  }
  return compiled.validate;
}

/** Names for union tags in messages: `unknown distribution 'gaussian'`. */
const TAG_NOUNS: Record<string, string> = { dist: 'distribution', process: 'arrival process', kind: 'failure kind' };

/** The noun of a tag at a path: `kind` names a failure kind, except under `topology` (a topology's, a tier's). */
function tagNoun(path: FieldPath, tag: string): string {
  if (tag === 'kind' && path[0] === 'topology') return `${String(path[path.length - 1])} kind`;
  return TAG_NOUNS[tag] ?? tag;
}

type BranchChoice =
  | { kind: 'branch'; index: number }
  | { kind: 'no-type-fits' }
  | { kind: 'unknown-tag'; tag: string; names: string[] }
  | { kind: 'missing-tag'; tag: string; names: string[] };

function resolveUnions(errors: ErrorObject[]): { kept: ErrorObject[]; unionFindings: Finding[] } {
  const dropped = new Set<ErrorObject>();
  const unionFindings: Finding[] = [];
  // Outer unions first, so that the alternatives they drop take their nested unions with them.
  const unions = errors.filter((e) => e.keyword === 'anyOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const union of unions) {
    if (dropped.has(union)) continue;
    dropped.add(union);
    const branches = union.schema as AnySchemaObject[];
    const errorsOf = (index: number): ErrorObject[] =>
      errors.filter(
        (e) =>
          !dropped.has(e) &&
          e.schemaPath.startsWith(`${union.schemaPath}/${index}/`) &&
          (e.instancePath === union.instancePath || e.instancePath.startsWith(`${union.instancePath}/`)),
      );
    const choice = chooseBranch(branches, union.data, (index) => errorsOf(index).length);
    branches.forEach((_, index) => {
      if (choice.kind === 'branch' && choice.index === index) return;
      for (const e of errorsOf(index)) dropped.add(e);
    });
    const finding = unionFinding(choice, union);
    if (finding !== undefined) unionFindings.push(finding);
  }
  return { kept: errors.filter((e) => !dropped.has(e)), unionFindings };
}

function chooseBranch(branches: AnySchemaObject[], data: unknown, errorCount: (index: number) => number): BranchChoice {
  let candidates = branches.map((_, index) => index).filter((index) => typeFits(branches[index], data));
  if (candidates.length === 0) return { kind: 'no-type-fits' };
  if (isRecord(data)) {
    const tag = discriminator(candidates.map((index) => branches[index]));
    if (tag !== undefined) {
      const names = [...new Set(candidates.map((index) => String(branches[index].properties[tag].const)))];
      if (!(tag in data)) return { kind: 'missing-tag', tag, names };
      candidates = candidates.filter((index) => branches[index].properties[tag].const === data[tag]);
      if (candidates.length === 0) return { kind: 'unknown-tag', tag, names };
    }
  }
  // Several alternatives share a tag (lognormal from mean/scv or from median/p99): the closest one is meant.
  const best = candidates.reduce((a, b) => (errorCount(b) < errorCount(a) ? b : a));
  return { kind: 'branch', index: best };
}

function unionFinding(choice: BranchChoice, union: ErrorObject): Finding | undefined {
  const path = pointerToPath(union.instancePath);
  const valid = validText(union.parentSchema);
  switch (choice.kind) {
    case 'branch':
      return undefined;
    case 'no-type-fits':
      const types = unionTypes(union.schema as AnySchemaObject[]);
      return { path, value: union.data, rule: `must be ${typeWords(types)}`, valid };
    case 'unknown-tag': {
      const value = (union.data as Record<string, unknown>)[choice.tag];
      return {
        path: [...path, choice.tag],
        value,
        rule: `unknown ${tagNoun(path, choice.tag)}`,
        valid: choice.names.join(', '),
        suggestion: typeof value === 'string' ? didYouMean(value, choice.names) : undefined,
      };
    }
    case 'missing-tag':
      return {
        path: [...path, choice.tag],
        locate: path,
        rule: 'missing required key',
        valid: `${choice.tag}: ${choice.names.join(', ')}`,
      };
  }
}

/** The property every object alternative pins with `const` (`dist`, `process`), if there is one. */
function discriminator(branches: AnySchemaObject[]): string | undefined {
  const objects = branches.filter((b) => b.type === 'object' && isRecord(b.properties));
  if (objects.length < 2) return undefined;
  const keys = Object.keys(objects[0].properties as Record<string, unknown>);
  return keys.find((key) => objects.every((b) => isRecord(b.properties[key]) && 'const' in b.properties[key]));
}

function toFinding(error: ErrorObject): Finding | undefined {
  const parent = error.parentSchema;
  if (parent !== undefined && QUANTITY in parent) return undefined; // the resolver words unit problems itself
  const path = pointerToPath(error.instancePath);
  const valid = validText(parent);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const properties = (parent?.properties as Record<string, unknown> | undefined) ?? {};
      const known = Object.keys(properties).filter((k) => k !== '$schema');
      return {
        path: [...path, key],
        anchor: 'key',
        value: key,
        rule: 'unknown key',
        valid: known.join(', '),
        suggestion: didYouMean(key, known),
      };
    }
    case 'required': {
      const key = String(params.missingProperty);
      const property = (parent?.properties as Record<string, AnySchemaObject> | undefined)?.[key];
      return { path: [...path, key], locate: path, rule: 'missing required key', valid: validText(property) };
    }
    case 'type': {
      // `network:` with nothing after it is null in YAML: say "empty" rather than show a blank value.
      const rule = error.data === null ? `is empty; must be ${typeWords(params.type)}` : `must be ${typeWords(params.type)}`;
      const value = error.data === null ? undefined : error.data;
      return { path, value, rule, valid: valid ?? keysText(parent) };
    }
    case 'minimum':
      return { path, value: error.data, rule: `must be at least ${String(params.limit)}`, valid };
    case 'exclusiveMinimum':
      return { path, value: error.data, rule: `must be greater than ${String(params.limit)}`, valid };
    case 'maximum':
      return { path, value: error.data, rule: `must be at most ${String(params.limit)}`, valid };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const value = error.data;
      return {
        path,
        value,
        rule: 'not one of the allowed values',
        valid: valid ?? allowed.join(', '),
        suggestion: typeof value === 'string' ? didYouMean(value, allowed) : undefined,
      };
    }
    case 'const':
      return { path, value: error.data, rule: `must be '${String(params.allowedValue)}'`, valid };
    case 'minItems':
      const entries = params.limit === 1 ? 'entry' : 'entries';
      return { path, value: error.data, rule: `must have at least ${String(params.limit)} ${entries}`, valid };
    case 'maxItems':
      const most = params.limit === 1 ? 'entry' : 'entries';
      return { path, value: error.data, rule: `must have at most ${String(params.limit)} ${most}`, valid };
    case 'maxLength':
      return { path, value: error.data, rule: `too long: ${String(error.data).length} characters`, valid };
    case 'minLength':
      return { path, value: error.data, rule: 'must not be empty', valid };
    case 'pattern':
      return { path, value: error.data, rule: 'has characters that are not allowed', valid };
    default:
      return { path, value: error.data, rule: error.message ?? error.keyword, valid };
  }
}

/** "a mapping with keys class, arrivals, work, size, op" for objects that carry no `x-valid` of their own. */
function keysText(schema: AnySchemaObject | undefined): string | undefined {
  const properties = schema?.properties as Record<string, unknown> | undefined;
  if (properties === undefined) return undefined;
  return `a mapping with keys ${Object.keys(properties).filter((k) => k !== '$schema').join(', ')}`;
}

function validText(schema: AnySchemaObject | undefined): string | undefined {
  const text = schema?.[VALID];
  return typeof text === 'string' ? text : undefined;
}

function unionTypes(branches: AnySchemaObject[]): string[] {
  const types = branches.flatMap((b): string[] => {
    if (Array.isArray(b.type)) return b.type as string[];
    return typeof b.type === 'string' ? [b.type] : [];
  });
  return [...new Set(types)];
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  null: 'empty',
};

function typeWords(type: unknown): string {
  const types = (Array.isArray(type) ? type : [type]).map((t) => TYPE_WORDS[String(t)] ?? String(t));
  return types.length <= 1 ? types.join('') : `${types.slice(0, -1).join(', ')} or ${types[types.length - 1]}`;
}

function typeFits(schema: AnySchemaObject, data: unknown): boolean {
  if (schema.type === undefined) return true;
  const allowed: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  return jsonTypes(data).some((t) => allowed.includes(t));
}

function jsonTypes(data: unknown): string[] {
  if (data === null) return ['null'];
  if (Array.isArray(data)) return ['array'];
  if (typeof data === 'number') return Number.isInteger(data) ? ['integer', 'number'] : ['number'];
  return [typeof data];
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `/nodes/0/cores` -> ['nodes', '0', 'cores'] (JSON Pointer unescaping of `~1` and `~0`). */
export function pointerToPath(pointer: string): FieldPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}
