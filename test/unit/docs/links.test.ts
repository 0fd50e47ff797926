/**
 * Every link in README.md and docs/*.md resolves (issue 18.6): a relative link names a file of the repository that
 * exists, and a #fragment names a heading of its target, slugged the way GitHub does (lower case, punctuation other
 * than - and _ dropped, spaces to -, a repeated heading gets -1, -2, ...; github.com/github/cmark-gfm's
 * extension, as documented in github/docs "Basic writing and formatting syntax", Section links).
 * Links inside code blocks and to http(s) addresses are not checked (no network in tests).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, test } from 'vitest';

const DOCS = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

function withoutFences(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '');
}

function withoutCode(text: string): string {
  return withoutFences(text).replace(/`[^`\n]*`/g, '');
}

export function headingSlugs(text: string): Set<string> {
  const slugs = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of withoutFences(text).matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const base = heading
      .toLowerCase()
      .replace(/<[^>]+>/g, '')
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    slugs.add(count === 0 ? base : `${base}-${count}`);
  }
  return slugs;
}

function links(text: string): string[] {
  return [...withoutCode(text).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/i.test(t));
}

describe('links in README.md and docs/', () => {
  test.each(DOCS)('%s: every relative link and #fragment resolves', (doc) => {
    const broken: string[] = [];
    for (const link of links(readFileSync(doc, 'utf8'))) {
      const [path, fragment] = link.split('#');
      const target = path === '' ? doc : normalize(join(dirname(doc), path));
      if (!existsSync(target)) {
        broken.push(`${link}: no file ${target}`);
        continue;
      }
      if (fragment !== undefined && target.endsWith('.md') && !headingSlugs(readFileSync(target, 'utf8')).has(fragment)) {
        broken.push(`${link}: no heading #${fragment} in ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  test('the slug rule on headings written here', () => {
    expect([...headingSlugs('# Plug-in policies (`module`)\n## Scenario reference\n## Scenario reference\n')]).toEqual([
      'plug-in-policies-module',
      'scenario-reference',
      'scenario-reference-1',
    ]);
  });
});
