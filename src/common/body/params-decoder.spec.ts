import { PlanoException } from '../status/plano.exception.js';
import { decodeParams, depthExceeds } from './params-decoder.js';

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function slugOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof PlanoException) return error.slug;
    throw error;
  }
  return 'no error';
}

describe('decodeParams on a sensitive-params route', () => {
  const decode = (raw: string | undefined, format: 'json' | 'text' | undefined = 'text') => decodeParams(raw, format, true);

  it('decodes standard base64 of a JSON object', () => {
    expect(decode(base64({ email: 'a@b.co', password: 'pw' }))).toEqual({ email: 'a@b.co', password: 'pw' });
  });

  it('accepts URL-safe base64, missing padding and surrounding whitespace', () => {
    const params = { note: '??>>~~ünïcode' };
    expect(decode(base64url(params))).toEqual(params);
    expect(decode(`  ${base64(params).replace(/=+$/, '')}\n`)).toEqual(params);
  });

  it.each([
    ['plain JSON as application/json', '{"email":"a@b.co"}', 'json'],
    ['plain JSON as text/plain', '{"email":"a@b.co"}', 'text'],
    ['characters outside base64', 'abc$def', 'text'],
    ['an impossible length', 'abcde', 'text'],
    ['padding in the middle', 'ab==cd', 'text'],
    ['base64 of text that is not JSON', Buffer.from('email=a').toString('base64'), 'text'],
    ['base64 of bytes that are not UTF-8', Buffer.from([0xc3, 0x28]).toString('base64'), 'text'],
    ['whitespace only', '   \n', 'text'],
  ] as const)('refuses %s with invalid-encoded-params', (_case, raw, format) => {
    expect(slugOf(() => decode(raw, format))).toBe('invalid-encoded-params');
  });

  it.each([
    ['{}', {}],
    ['[]', []],
    ['[{"a":1}]', [{ a: 1 }]],
    ['"x"', 'x'],
    ['0', 0],
    ['true', true],
    ['null', null],
  ])('refuses base64 of %s with no-params-decoded', (_label, value) => {
    expect(slugOf(() => decode(base64(value)))).toBe('no-params-decoded');
  });

  it('refuses a request with no body with no-params-decoded', () => {
    expect(slugOf(() => decode(undefined, undefined))).toBe('no-params-decoded');
  });
});

describe('decodeParams on an ordinary route', () => {
  const decode = (raw: string | undefined, format: 'json' | 'text' | undefined) => decodeParams(raw, format, false);

  it('parses JSON sent as application/json or text/plain', () => {
    expect(decode('{"client_id":7}', 'json')).toEqual({ client_id: 7 });
    expect(decode('{"client_id":7}', 'text')).toEqual({ client_id: 7 });
  });

  it('takes no body, or an empty object, as no params', () => {
    expect(decode(undefined, undefined)).toEqual({});
    expect(decode('{}', 'json')).toEqual({});
  });

  it('refuses malformed JSON with invalid-encoded-params', () => {
    expect(slugOf(() => decode('{"client_id": ', 'json'))).toBe('invalid-encoded-params');
    expect(slugOf(() => decode(base64({ a: 1 }), 'text'))).toBe('invalid-encoded-params');
  });

  it('refuses JSON that is not an object with no-params-decoded', () => {
    expect(slugOf(() => decode('[1,2]', 'json'))).toBe('no-params-decoded');
    expect(slugOf(() => decode('"x"', 'text'))).toBe('no-params-decoded');
  });
});

describe('nesting depth (CONTRACT.md §12)', () => {
  const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}{"a":1}${'}'.repeat(levels - 1)}`;
  const encoded = (text: string) => Buffer.from(text).toString('base64');

  it('accepts 32 levels and refuses 33 with invalid-encoded-params, in JSON and in base64', () => {
    expect(() => decodeParams(nested(32), 'json', false)).not.toThrow();
    for (const attempt of [() => decodeParams(nested(33), 'json', false), () => decodeParams(encoded(nested(33)), 'text', true)]) {
      expect(attempt).toThrow(expect.objectContaining({ slug: 'invalid-encoded-params' }));
    }
  });

  it('refuses 5,000 levels of arrays without a stack overflow', () => {
    const deep = `{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(() => decodeParams(deep, 'json', false)).toThrow(expect.objectContaining({ slug: 'invalid-encoded-params' }));
    expect(depthExceeds(JSON.parse(deep), 32)).toBe(true);
  });
});
