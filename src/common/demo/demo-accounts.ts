/**
 * The demo accounts `npm run seed` / `npm run demo` create: one source for the seed (src/demo/),
 * the README's "Demo logins" table, the e2e test that signs in with every row of that table and
 * the OpenAPI examples of the controllers. Plain data, down here in common/, so that the feature
 * modules may read it without importing the composition layer the seed belongs to.
 * Demo data only: these passwords are public. Never seed them into a real deployment.
 */
export type DemoAccountKey = 'admin' | 'employee' | 'client' | 'client2' | 'inactive' | 'liaison' | 'roleless';

export interface DemoAccount {
  readonly key: DemoAccountKey;
  readonly email: string;
  readonly password: string;
  /** How the README describes the account's roles. */
  readonly role: string;
  readonly firstName: string;
  readonly lastName: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    key: 'admin',
    email: 'admin@plano.test',
    password: 'demo-admin-pass',
    role: 'admin employee',
    firstName: 'Ada',
    lastName: 'Admin',
  },
  {
    key: 'employee',
    email: 'employee@plano.test',
    password: 'demo-employee-pass',
    role: 'employee (not admin)',
    firstName: 'Emil',
    lastName: 'Employee',
  },
  {
    key: 'client',
    email: 'client@plano.test',
    password: 'demo-client-pass',
    role: 'client — Acme Realty (company_id 1001)',
    firstName: 'Clara',
    lastName: 'Client',
  },
  {
    key: 'client2',
    email: 'client2@plano.test',
    password: 'demo-client2-pass',
    role: 'client — Bayview Homes (company_id 1002)',
    firstName: 'Carl',
    lastName: 'Client',
  },
  {
    key: 'inactive',
    email: 'inactive@plano.test',
    password: 'demo-inactive-pass',
    role: 'deactivated client — Corner Lofts (company_id 1003, active=false): sign-in answers account-inactive',
    firstName: 'Ines',
    lastName: 'Inactive',
  },
  {
    key: 'liaison',
    email: 'liaison@plano.test',
    password: 'demo-liaison-pass',
    role: 'liaison for client@plano.test (Acme Realty) only',
    firstName: 'Lia',
    lastName: 'Liaison',
  },
  {
    key: 'roleless',
    email: 'roleless@plano.test',
    password: 'demo-roleless-pass',
    role: 'none (started registration; planoauth only)',
    firstName: 'Rolf',
    lastName: 'Roleless',
  },
];

/**
 * A demo client without a password, as staff create one with clients/create: sessions/create
 * answers it user-has-no-password; it signs in by magic link, whose email lands in the outbox
 * (`npm run outbox`). Not a row of DEMO_ACCOUNTS: it has no password to list.
 */
export const DEMO_PASSWORDLESS_CLIENT = {
  email: 'passwordless@plano.test',
  firstName: 'Pat',
  lastName: 'Passwordless',
  companyId: 1004,
  companyName: 'Linkside Realty',
} as const;

/** The demo account with that key. */
export function demoAccount(key: DemoAccountKey): DemoAccount {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.key === key);
  if (!account) throw new Error(`no demo account ${key}`);
  return account;
}
