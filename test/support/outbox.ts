import Database from 'better-sqlite3';
import pg from 'pg';
import { EmailOutboxEntity } from '../../src/modules/email/email-outbox.entity.js';
import type { TestApp } from './test-app.js';
import type { TestDatabase } from './test-database.js';

/** The code of a magic link in an email's text (`…/magic-link?code=<43 base64url characters>`). */
export function magicLinkCodeIn(text: string): string | undefined {
  return /\/magic-link\?code=([A-Za-z0-9_-]{43})\b/.exec(text)?.[1];
}

/** The magic-link emails the outbox kept for `email`, oldest first, through the test app. */
export function magicLinkEmails(t: TestApp, email: string): Promise<EmailOutboxEntity[]> {
  return t.dataSource.getRepository(EmailOutboxEntity).find({ where: { kind: 'magic-link', toEmail: email.toLowerCase() }, order: { id: 'ASC' } });
}

/** The same, read straight from a database server processes write to (no app in this process). */
export async function magicLinkTextsIn(database: TestDatabase, email: string): Promise<string[]> {
  const sql = `SELECT text FROM email_outbox WHERE kind = 'magic-link' AND to_email = $1 ORDER BY id`;
  if (database.url.startsWith('sqlite:')) {
    const db = new Database(database.url.slice('sqlite:'.length), { readonly: true });
    try {
      return (db.prepare(sql.replace('$1', '?')).all(email.toLowerCase()) as Array<{ text: string }>).map((row) => row.text);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<{ text: string }>(sql, [email.toLowerCase()])).rows.map((row) => row.text);
  } finally {
    await client.end();
  }
}
