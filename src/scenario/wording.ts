/** How warnings and errors word numbers: three significant digits, the largest unit a value fills. */

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export function round(value: number): string {
  return String(Number(value.toPrecision(3)));
}

export function percent(fraction: number): string {
  return `${round(fraction * 100)} %`;
}

export function bytes(value: number): string {
  const units: [string, number][] = [['TB', 1e12], ['GB', 1e9], ['MB', 1e6], ['KB', 1e3]];
  const [unit, size] = units.find(([, s]) => value >= s) ?? ['B', 1];
  return `${round(value / size)}${unit}`;
}

/** A time in seconds in the largest unit it fills, as a user would write it: 600 -> 10min. */
export function seconds(value: number): string {
  const units: [string, number][] = [['d', 86400], ['h', 3600], ['min', 60], ['s', 1], ['ms', 1e-3]];
  const [unit, size] = units.find(([, s]) => value >= s) ?? ['us', 1e-6];
  return `${round(value / size)}${unit}`;
}
