/** Scenario files: schema, loading and validation, units, overrides. The CLI and the library API import from here. */
export { loadScenario, nameFromFile, type LoadOptions, type LoadResult } from './load.js';
export { formatIssue } from './format.js';
export type { AllowedPlugin, PluginGrant, PluginPermission } from './plugin-permission.js';
export { LIMITS } from './limits.js';
export { fileTooLargeIssue } from './parse-yaml.js';
export { escapeControlCharacters, safeLine } from './safe-text.js';
export type { ScenarioIssue } from './issues.js';
export { parseSetArgument, type Override } from './overrides.js';
export { ScenarioFileSchema, scenarioJsonSchema, scenarioJsonSchemaText, type ScenarioFile } from './schema.js';
export { parseQuantity, describeQuantity, UNIT_FAMILIES, type QuantityKind, type QuantityResult } from './units.js';
