import { ConfigError } from './env.js';
import { CONFIG_NAMESPACES } from './namespaces.js';

/**
 * Reads every config namespace once, before the app (and its entities) are even loaded. A bad
 * value ends the process with one JSON line on stderr naming the variable, and exit code 1.
 */
export function exitOnInvalidConfiguration(): void {
  try {
    for (const readNamespace of CONFIG_NAMESPACES) readNamespace();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const line = { level: 'fatal', msg: 'invalid configuration', variable: error.variable, error: error.message };
    process.stderr.write(`${JSON.stringify(line)}\n`);
    process.exit(1);
  }
}
