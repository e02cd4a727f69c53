/**
 * Runs before each e2e file: points DATABASE_URL at the engine under test, so that nothing in a
 * test process falls back to the default database (./data/plano.sqlite). Each test app then gets a
 * database of its own (see test-database.ts).
 * PLANO_TEST_ENGINE=postgres needs PLANO_TEST_POSTGRES_URL, an admin URL of a server we may
 * create and drop databases on.
 */
const engine = process.env.PLANO_TEST_ENGINE ?? 'sqlite';
if (engine === 'postgres') {
  const adminUrl = process.env.PLANO_TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error('PLANO_TEST_ENGINE=postgres needs PLANO_TEST_POSTGRES_URL');
  process.env.DATABASE_URL = adminUrl;
} else {
  process.env.DATABASE_URL = 'sqlite:./data/unused-by-tests.sqlite';
}
