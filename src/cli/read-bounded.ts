import { open } from 'node:fs/promises';

export type BoundedRead = { text: string } | { tooLarge: string };

/**
 * A file's text, or how large it is when it exceeds `maxBytes`: never more than `maxBytes + 1` bytes in memory. The
 * size on disk is checked first; a file whose size is not known in advance (a pipe, /dev/zero, a file that grows) is
 * read in chunks up to the bound.
 */
export async function readBounded(file: string, maxBytes: number): Promise<BoundedRead> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) return { tooLarge: `${size} bytes` };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { tooLarge: `more than ${maxBytes} bytes` };
    }
    return { text: Buffer.concat(chunks, total).toString('utf8') };
  } finally {
    await handle.close();
  }
}
