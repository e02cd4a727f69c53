export type Method = (...args: unknown[]) => unknown;

/** Calls `before` ahead of each call of `target[method]`; answers how to put the original back. */
export function wrap(target: Record<string, Method>, method: string, before: (self: unknown, args: unknown[]) => void): () => void {
  const original = target[method];
  target[method] = function (this: unknown, ...args: unknown[]) {
    before(this, args);
    return original.apply(this, args);
  };
  return () => {
    target[method] = original;
  };
}
