/** Why `name` cannot be one plain path segment, or null when it can. */
function folderNameProblem(name: string): string | null {
  if (name.trim() === '') return 'it is empty';
  if (name === '.' || name === '..') return `'${name}' names a directory`;
  if (/[/\\]/.test(name)) return 'it contains a path separator';
  if (/[\u0000-\u001f]/.test(name)) return 'it contains a control character';
  return null;
}

/**
 * The scenario name becomes a folder name under the output directory, so it must be one plain path segment: a name
 * with a separator or `..` would write (or delete, when replacing an older report) outside that directory.
 */
export function reportFolderName(scenario: string): string {
  const problem = folderNameProblem(scenario);
  if (problem !== null) {
    throw new Error(
      `report: scenario name ${JSON.stringify(scenario)} cannot be a folder name because ${problem}; ` +
        `use letters, digits, '-', '_' and '.'`,
    );
  }
  return scenario;
}
