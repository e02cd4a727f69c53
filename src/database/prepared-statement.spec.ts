import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { preparedStatement } from './prepared-statement.js';

interface Connection {
  exec(sql: string): void;
  prepare(sql: string): { get(): Record<string, unknown> };
  transaction(work: () => unknown): () => unknown;
  readonly inTransaction: boolean;
}

describe('preparedStatement on SQLite', () => {
  let dataSource: DataSource;
  let connection: Connection;

  beforeEach(async () => {
    dataSource = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
    connection = (dataSource.driver as unknown as { databaseConnection: Connection }).databaseConnection;
    connection.exec('CREATE TABLE codes (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE)');
  });

  afterEach(() => dataSource.destroy());

  const insert = (options = { groupCommit: true }) => preparedStatement<{ code: string }>(dataSource, 'insert_code', 'INSERT INTO codes (code) VALUES (:code) RETURNING id', options);
  const codesStored = () => connection.prepare('SELECT group_concat(code) AS codes FROM codes').get().codes;

  it('commits the writes of one turn of the event loop together, in one transaction, each caller getting its own rows', async () => {
    const transactions = jest.spyOn(connection, 'transaction');
    const write = insert();
    const rows = await Promise.all(['a', 'b', 'c', 'd'].map((code) => write({ code })));
    expect(rows).toEqual([[{ id: 1 }], [{ id: 2 }], [{ id: 3 }], [{ id: 4 }]]);
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(codesStored()).toBe('a,b,c,d');
  });

  it('answers a write only once it is committed: nothing is pending when its promise settles', async () => {
    const write = insert();
    const first = write({ code: 'a' });
    expect(codesStored()).toBeNull();
    await first;
    expect(connection.inTransaction).toBe(false);
    expect(codesStored()).toBe('a');
  });

  it('fails every write of a batch that fails, and commits none of them', async () => {
    const write = insert();
    const outcomes = await Promise.allSettled(['x', 'dup', 'dup'].map((code) => write({ code })));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(codesStored()).toBeNull();
    await expect(write({ code: 'x' })).resolves.toEqual([{ id: 1 }]);
  });

  it('runs the writes one by one while another transaction is open on the connection, never as its savepoint', async () => {
    const transactions = jest.spyOn(connection, 'transaction');
    const write = insert();
    connection.exec('BEGIN');
    const outcomes = await Promise.allSettled(['a', 'a', 'b'].map((code) => write({ code })));
    connection.exec('COMMIT');
    // Each alone: the duplicate fails by itself and the others stand.
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(transactions).not.toHaveBeenCalled();
    expect(codesStored()).toBe('a,b');
  });

  it('without groupCommit, commits each write as it is called', async () => {
    const transactions = jest.spyOn(connection, 'transaction');
    const write = insert({ groupCommit: false });
    const pending = write({ code: 'a' });
    expect(codesStored()).toBe('a');
    await expect(pending).resolves.toEqual([{ id: 1 }]);
    expect(transactions).not.toHaveBeenCalled();
  });
});
