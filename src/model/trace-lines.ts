import { closeSync, openSync, readSync } from 'node:fs';

/** Bytes read from the file at a time: the reader's whole buffer. */
const CHUNK_BYTES = 64 * 1024;
/** A longer line is refused rather than held: no valid trace row comes near it. */
export const MAX_LINE_CHARACTERS = 64 * 1024;

/**
 * The lines of a text file, read synchronously in chunks of 64 KiB (the simulator's event loop is synchronous), so
 * that memory holds one chunk and the line being assembled, whatever the file's length. UTF-8 is decoded as a
 * stream, so a character split across two chunks is read whole. Line ends: \n or \r\n.
 */
export class TraceLines {
  /** 1-based number of the line `next` returned last. */
  lineNumber = 0;
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private readonly decoder = new TextDecoder('utf-8');
  private pending = '';
  private start = 0;
  private ended = false;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  /** Characters held between calls (the rest of the chunk read last): at most a chunk plus a line. */
  get heldCharacters(): number {
    return this.pending.length;
  }

  /** The next line without its line end, or null at the end of the file (the file is then closed). */
  next(): string | null {
    for (;;) {
      const end = this.pending.indexOf('\n', this.start);
      if (end >= 0) {
        const line = this.pending.slice(this.start, end);
        this.start = end + 1;
        this.lineNumber++;
        return line.endsWith('\r') ? line.slice(0, -1) : line;
      }
      if (this.ended) {
        if (this.start >= this.pending.length) return null;
        const line = this.pending.slice(this.start);
        this.start = this.pending.length;
        this.lineNumber++;
        return line.endsWith('\r') ? line.slice(0, -1) : line;
      }
      if (this.pending.length - this.start > MAX_LINE_CHARACTERS) {
        throw new TraceLineTooLong(this.lineNumber + 1);
      }
      this.pending = this.pending.slice(this.start);
      this.start = 0;
      const read = readSync(this.fd, this.buffer, 0, CHUNK_BYTES, null);
      if (read === 0) {
        this.pending += this.decoder.decode();
        this.ended = true;
        this.close();
      } else {
        this.pending += this.decoder.decode(this.buffer.subarray(0, read), { stream: true });
      }
    }
  }

  /** Closes the file early (the run ended before the trace did). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private closed = false;
}

export class TraceLineTooLong extends Error {
  constructor(readonly lineNumber: number) {
    super(`line ${lineNumber} is longer than ${MAX_LINE_CHARACTERS} characters`);
  }
}
