/** IntervalAreas: time-averages per interval of a count that changes at given times, worked by hand. */
import { describe, expect, it } from 'vitest';
import { IntervalAreas } from '../../../src/scaling/interval-areas.js';

describe('IntervalAreas', () => {
  it('averages a step count over 10 s intervals from t = 100, the last one partial', () => {
    // 2 from 100 to 105, 4 from 105 to 127, 1 from 127 to 135 (the end): [100, 110) = (2 x 5 + 4 x 5) / 10 = 3;
    // [110, 120) = 4; [120, 130) = (4 x 7 + 1 x 3) / 10 = 3.1; [130, 135) = 1.
    const areas = new IntervalAreas(100, 10, 2);
    areas.set(105, 4);
    areas.set(127, 1);
    expect(areas.averages(135)).toEqual([3, 4, expect.closeTo(3.1, 12), 1]);
  });
});
