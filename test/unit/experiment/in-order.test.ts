/** The worker pool's reorder step: outcomes that finish out of order are handed over in replication order. */
import { describe, expect, it } from 'vitest';
import { InOrder } from '../../../src/experiment/in-order.js';

describe('InOrder', () => {
  it('hands items over in index order, holding only those that came ahead of their turn', () => {
    const handed: string[] = [];
    const inOrder = new InOrder<string>((item) => handed.push(item));
    inOrder.put(2, 'c');
    inOrder.put(1, 'b');
    expect(handed).toEqual([]);
    expect(inOrder.waiting).toBe(2);
    expect(inOrder.next).toBe(0);
    inOrder.put(0, 'a');
    expect(handed).toEqual(['a', 'b', 'c']);
    expect(inOrder.waiting).toBe(0);
    expect(inOrder.next).toBe(3);
    inOrder.put(4, 'e');
    inOrder.put(3, 'd');
    expect(handed).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('refuses an item that arrives twice', () => {
    const inOrder = new InOrder<number>(() => {});
    inOrder.put(0, 0);
    inOrder.put(2, 2);
    expect(() => inOrder.put(0, 0)).toThrow(/arrived twice/);
    expect(() => inOrder.put(2, 2)).toThrow(/arrived twice/);
  });
});
