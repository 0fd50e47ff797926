import { describe, expect, it } from 'vitest';
import { electionFigureRows } from '../../../src/topology/single-leader/report/election-figures.js';
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
    // Without a finite bandwidth the summary has no NIC figure, and the report no row for it.
    expect(byFigure.has('Scheduler (leader) NIC utilisation')).toBe(false);
  });

  it('show the leader NIC utilisation right after its CPU utilisation when the summary has it', () => {
    const result = makeLeaderScenarioResult();
    result.summary.scheduler = {
      leaderUtilization: { value: 0.3, ci95: [0.29, 0.31] },
      leaderNicUtilization: { value: 0.8, ci95: [0.79, 0.81] },
      reassigned: { value: 0, ci95: [0, 0] },
      duplicates: { value: 0, ci95: [0, 0] },
    };
    const figures = electionFigureRows(result.summary).map((r) => r.figure);
    const cpu = figures.indexOf('Scheduler (leader) utilisation');
    expect(figures[cpu + 1]).toBe('Scheduler (leader) NIC utilisation');
    const nic = electionFigureRows(result.summary).find((r) => r.figure === 'Scheduler (leader) NIC utilisation');
    expect(nic?.value).toBe('80.00 %');
  });
});
