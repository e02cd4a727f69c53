/**
 * The params of a hostile request, modelled so that what a JavaScript object cannot hold can still
 * be sent: duplicate keys, `__proto__` as an ordinary key, number literals JSON.parse reads
 * differently from how they are written (9007199254740993, 1e999, -0) and nesting thousands of
 * levels deep (kept as text, so neither this renderer nor JSON.stringify recurses through it).
 */

/** Text written verbatim into the JSON (and percent-encoded into a query string). */
export class Raw {
  constructor(readonly text: string) {}
}

/** A JSON object as an ordered list of entries; keys may repeat. */
export class Obj {
  constructor(readonly entries: Array<[string, Value]> = []) {}

  static of(record: Record<string, Value>): Obj {
    return new Obj(Object.entries(record));
  }

  keys(): string[] {
    return this.entries.map(([key]) => key);
  }

  get(key: string): Value | undefined {
    return this.entries.find(([name]) => name === key)?.[1];
  }

  /** Replaces the first entry of `key`, or appends one. */
  set(key: string, value: Value): this {
    const entry = this.entries.find(([name]) => name === key);
    if (entry) entry[1] = value;
    else this.entries.push([key, value]);
    return this;
  }

  /** Appends an entry even if the key is already there (a duplicated param). */
  add(key: string, value: Value): this {
    this.entries.push([key, value]);
    return this;
  }

  delete(key: string): this {
    for (let i = this.entries.length - 1; i >= 0; i -= 1) if (this.entries[i][0] === key) this.entries.splice(i, 1);
    return this;
  }
}

export type Value = null | boolean | number | string | Raw | Obj | Value[];

export function toJson(value: Value): string {
  if (value === null) return 'null';
  if (value instanceof Raw) return value.text;
  if (value instanceof Obj) return `{${value.entries.map(([key, item]) => `${JSON.stringify(key)}:${toJson(item)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  // JSON.stringify writes a lone surrogate as a \udXXX escape: the body stays valid UTF-8 and
  // JSON.parse on the server hands the lone surrogate to the app.
  return JSON.stringify(value);
}

/** How a query string writes an array: `a[]=1&a[]=2`, `a[0]=1&a[1]=2` or `a=1&a=2`. */
export type ArrayStyle = 'brackets' | 'indices' | 'repeat';

/** The params as `key=value` pieces of a query string, nested the way qs (Express's "extended" parser) reads them. */
export function toQueryPieces(params: Obj, style: ArrayStyle): string[] {
  const pieces: string[] = [];
  const render = (key: string, value: Value): void => {
    if (value === null) {
      pieces.push(encodeKey(key)); // `?id` alone: qs reads it as an empty string
    } else if (value instanceof Obj) {
      if (value.entries.length === 0) pieces.push(`${encodeKey(key)}[]=`);
      for (const [name, item] of value.entries) render(`${key}[${name}]`, item);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => render(style === 'brackets' ? `${key}[]` : style === 'indices' ? `${key}[${index}]` : key, item));
    } else {
      const text = value instanceof Raw ? value.text : String(value);
      pieces.push(`${encodeKey(key)}=${percentEncode(text)}`);
    }
  };
  for (const [key, value] of params.entries) render(key, value);
  return pieces;
}

/**
 * encodeURIComponent, except that a lone surrogate (which encodeURIComponent refuses) is written as
 * the bytes a careless encoder would produce for it (WTF-8): hostile, but still a request line
 * Node's client and server accept.
 */
export function percentEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    const isHigh = unit >= 0xd800 && unit <= 0xdbff;
    const isLow = unit >= 0xdc00 && unit <= 0xdfff;
    const next = text.charCodeAt(i + 1);
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i += 1;
    } else if (isHigh || isLow) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(text[i]);
    }
  }
  return out;
}

/** A query key with its brackets left readable: `search[term]`, not `search%5Bterm%5D`. */
function encodeKey(key: string): string {
  return percentEncode(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

/** `depth` levels of arrays around `leaf`, as text: `[[[1]]]`. */
export function deepArray(depth: number, leaf = '1'): Raw {
  return new Raw(`${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`);
}

/** `depth` levels of objects around `leaf`, as text: `{"a":{"a":1}}`. */
export function deepObject(depth: number, key = 'a', leaf = '1'): Raw {
  return new Raw(`${`{${JSON.stringify(key)}:`.repeat(depth)}${leaf}${'}'.repeat(depth)}`);
}
