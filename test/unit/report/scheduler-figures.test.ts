import { describe, expect, it } from 'vitest';
import { electionFigureRows } from '../../../src/report/election-figures.js';
import { makeLeaderScenarioResult } from '../../fixtures/report/leader-scenario-result.js';

describe('scheduler figures in the Leader elections section', () => {
  it('appear only for the scheduler mode, with their intervals', () => {
    const result = makeLeaderScenarioResult();
    const plain = electionFigureRows(result.summary).map((r) => r.figure);
    expect(plain).not.toContain('Scheduler (leader) utilisation');

    result.summary.scheduler = {
      leaderUtilization: { value: 0.9, ci95: [0.89, 0.91] },
      reassigned: { value: 7.5, ci95: [6, 9] },
      duplicates: { value: 0, ci95: [0, 0] },
    };
    const rows = electionFigureRows(result.summary);
    const byFigure = new Map(rows.map((r) => [r.figure, r]));
    expect(byFigure.get('Scheduler (leader) utilisation')?.value).toBe('90.00 %');
    expect(byFigure.get('Tasks reassigned per replication')?.value).toBe('7.5');
    expect(byFigure.get('Duplicate executions per replication')?.value).toBe('0');
  });
});
