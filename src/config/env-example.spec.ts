import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { CONFIG_READERS } from './namespaces.js';

/** `.env.example` documents every variable the app reads, with its default and a comment. */
describe('.env.example', () => {
  const text = readFileSync('.env.example', 'utf8');
  const example = parseEnv(text) as Record<string, string>;

  function variablesRead(): string[] {
    const names = new Set<string>();
    const recorder = new Proxy({} as Record<string, string | undefined>, {
      get: (_target, name) => {
        if (typeof name === 'string') names.add(name);
        return undefined;
      },
    });
    for (const read of CONFIG_READERS) read(recorder);
    return [...names].sort();
  }

  it('lists exactly the variables the config namespaces read', () => {
    expect(Object.keys(example).sort()).toEqual(variablesRead());
  });

  it('gives each variable the default the app uses without it', () => {
    for (const read of CONFIG_READERS) expect(read(example)).toEqual(read({}));
  });

  it('puts a one-line comment above each variable', () => {
    const lines = text.split('\n');
    for (const name of Object.keys(example)) {
      const index = lines.findIndex((line) => line.startsWith(`${name}=`));
      expect(lines[index - 1]).toMatch(/^# \S/);
    }
  });
});
