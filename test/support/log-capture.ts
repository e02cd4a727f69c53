import { Writable } from 'node:stream';

/** A log destination that keeps every line the app writes, for assertions on the log output. */
export class LogCapture {
  private readonly chunks: string[] = [];

  readonly stream = new Writable({
    write: (chunk: Buffer | string, _encoding, callback) => {
      this.chunks.push(chunk.toString());
      callback();
    },
  });

  /** Everything written so far, exactly as it would reach stdout. */
  text(): string {
    return this.chunks.join('');
  }

  lines(): Array<Record<string, unknown>> {
    return this.text()
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  requestLines(): Array<Record<string, unknown>> {
    return this.lines().filter((line) => line.msg === 'request');
  }
}
