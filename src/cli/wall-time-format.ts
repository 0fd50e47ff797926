/**
 * A wall-clock span as a person reads it on a progress line: `8 s`, `4 min 05 s`, `2 h 05 min`, `1 h`, `300 ms`.
 * Whole seconds are enough, and minutes and hours drop the unit below them that no longer matters.
 */
export function formatWallTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unbounded';
  if (seconds > 0 && seconds < 0.5) return `${Math.max(1, Math.round(seconds * 1000))} ms`;
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  const twoUnits = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${pad(small)} ${smallUnit}`;
  if (whole < 3600) return twoUnits(Math.floor(whole / 60), 'min', whole % 60, 's');
  const minutes = Math.round(whole / 60);
  return twoUnits(Math.floor(minutes / 60), 'h', minutes % 60, 'min');
}
