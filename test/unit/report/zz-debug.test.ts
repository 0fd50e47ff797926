import { it } from 'vitest';
import { buildCharts, renderSvg } from '../../../src/report/index.js';
import { makeScenarioResult } from '../../fixtures/report/scenario-result.js';
it('debug', async () => {
  const result = makeScenarioResult(); result.histogram = []; result.timeseries = [];
  for (const c of buildCharts(result)) { try { await renderSvg(c.spec); console.log('ok', c.name); } catch (e) { console.log('FAIL', c.name, (e as Error).stack); } }
});
