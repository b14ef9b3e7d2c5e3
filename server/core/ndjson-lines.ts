/**
 * Cuts a streamed body into lines (ING-5), in time linear in its length whatever its shape: each
 * byte is scanned once, and a line is joined and decoded once, when its end arrives. A line longer
 * than the limit is skipped to its end and reported, never held whole. Pure.
 */

/** No event comes near it (text ≤ 4,000 characters, attributes ≤ 16 KB); it bounds what one line may hold in memory. */
export const MAX_LINE_BYTES = 1024 * 1024

export type NdjsonLine =
  | { line: number; text: string }
  | { line: number; fault: string }

const NEWLINE = 0x0a

export class NdjsonLines {
  private pending: Uint8Array[] = []
  private pendingBytes = 0
  /** The current line passed the limit: its bytes are dropped until its end. */
  private overflowing = false
  private line = 0
  private readonly decoder = new TextDecoder('utf-8', { fatal: true })

  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  /** The lines that `chunk` completes. */
  push(chunk: Uint8Array): NdjsonLine[] {
    const out: NdjsonLine[] = []
    let start = 0
    for (;;) {
      const end = chunk.indexOf(NEWLINE, start)
      if (end < 0) {
        this.hold(chunk.subarray(start))
        return out
      }
      this.hold(chunk.subarray(start, end))
      out.push(this.complete())
      start = end + 1
    }
  }

  /** The last line, when the body does not end with a newline. */
  end(): NdjsonLine[] {
    return this.pendingBytes > 0 || this.overflowing ? [this.complete()] : []
  }

  private hold(bytes: Uint8Array): void {
    if (this.overflowing || bytes.length === 0) return
    this.pendingBytes += bytes.length
    if (this.pendingBytes > this.maxLineBytes) {
      this.overflowing = true
      this.pending = []
      return
    }
    this.pending.push(bytes)
  }

  private complete(): NdjsonLine {
    const line = ++this.line
    const overflowed = this.overflowing
    const parts = this.pending
    const length = this.pendingBytes
    this.pending = []
    this.pendingBytes = 0
    this.overflowing = false
    if (overflowed) return { line, fault: `is longer than ${this.maxLineBytes} bytes — send one event per line` }
    try {
      return { line, text: this.decoder.decode(join(parts, length)) }
    } catch {
      // Replacing the bytes with U+FFFD would store something the producer never sent.
      return { line, fault: 'is not valid UTF-8 — send the body in UTF-8' }
    }
  }
}

function join(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!
  const joined = new Uint8Array(length)
  let offset = 0
  for (const part of parts) {
    joined.set(part, offset)
    offset += part.length
  }
  return joined
}
