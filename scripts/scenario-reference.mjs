// Writes docs/scenario-reference.md from the JSON schema, with examples from scenarios/ (run by `npm run schema`).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { scenarioJsonSchema } from '../dist/src/index.js';
import { scenarioReferenceMarkdown } from '../dist/src/scenario/reference-markdown.js';

const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();
const examples = files.map((file) => ({ file, data: parse(readFileSync(`scenarios/${file}`, 'utf8')) }));
writeFileSync('docs/scenario-reference.md', scenarioReferenceMarkdown(scenarioJsonSchema(), examples));
