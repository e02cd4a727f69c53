import { PasswordHasher } from './password-hasher.js';

// argon2id at 19 MiB costs tens of milliseconds per hash: the hashes here are few and shared.
describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();
  const password = 'correct horse battery staple';
  let stored: string;

  beforeAll(async () => {
    await hasher.onModuleInit();
    stored = await hasher.hash(password);
  });

  it('hashes to an argon2id v19 PHC string at the OWASP parameters (19 MiB, t=2, p=1)', () => {
    const phc = /^\$argon2id\$v=19\$([a-z]=\d+(?:,[a-z]=\d+)*)\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/.exec(stored);
    expect(phc).not.toBeNull();
    // Compared by name: node-argon2 0.45 writes them as m,p,t rather than the PHC spec's m,t,p.
    const params = Object.fromEntries(phc![1].split(',').map((pair) => pair.split('=')));
    expect(params).toEqual({ m: '19456', t: '2', p: '1' });
    expect(stored).not.toContain(password);
  });

  it('salts every hash', async () => {
    const again = await hasher.hash(password);
    expect(again).not.toBe(stored);
    await expect(hasher.verify(again, password)).resolves.toBe(true);
  });

  it('verifies the right password', async () => {
    await expect(hasher.verify(stored, password)).resolves.toBe(true);
  });

  it('refuses a wrong password', async () => {
    await expect(hasher.verify(stored, `${password}!`)).resolves.toBe(false);
  });

  it('answers false, not an error, for a stored hash it cannot read', async () => {
    await expect(hasher.verify('not a hash', password)).resolves.toBe(false);
    await expect(hasher.verify('', password)).resolves.toBe(false);
  });

  it('answers false from verifyDecoy, whatever the password', async () => {
    await expect(hasher.verifyDecoy(password)).resolves.toBe(false);
    await expect(hasher.verifyDecoy('decoy password for timing parity')).resolves.toBe(false);
  });

  it('does not block the event loop while hashing', async () => {
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 5);
    try {
      // A blocking hash would let the timer fire at most once, after it returned.
      await hasher.hash('another password');
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThanOrEqual(3);
  });
});
