/** The node ids 0..count-1 in a uniformly random order (Fisher-Yates, drawing count - 1 numbers from `rng`). */
export function shuffledOrder(count: number, rng: () => number): Int32Array {
  const order = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = (rng() * (i + 1)) | 0;
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order;
}
