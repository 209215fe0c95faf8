import { publishCount, publishRate } from './statistical-secrecy';

describe('statistical secrecy', () => {
  it('hides counts of 1 to 10 people, publishes 0 and 11 and more', () => {
    expect(publishCount(0)).toEqual({ value: 0, suppressed: false });
    expect(publishCount(1)).toEqual({ value: null, suppressed: true, reason: 'small_count' });
    expect(publishCount(10)).toEqual({ value: null, suppressed: true, reason: 'small_count' });
    expect(publishCount(11)).toEqual({ value: 11, suppressed: false });
  });

  it('hides a rate on fewer than 20 people, or whose numerator is a hidden count', () => {
    expect(publishRate(12, 19)).toEqual({ value: null, suppressed: true, reason: 'small_denominator' });
    expect(publishRate(3, 25)).toEqual({ value: null, suppressed: true, reason: 'small_count' });
    expect(publishRate(0, 25)).toEqual({ value: 0, suppressed: false });
    expect(publishRate(15, 60)).toEqual({ value: 0.25, suppressed: false });
  });

  it('follows configured thresholds', () => {
    expect(publishCount(4, { minCount: 5, minDenominator: 10 })).toMatchObject({ suppressed: true });
    expect(publishCount(5, { minCount: 5, minDenominator: 10 })).toEqual({ value: 5, suppressed: false });
  });
});
