import type { AuthUser } from '../auth/auth-context.js';

// What other modules read of accounts: plain shapes, never the entities, so no other module can
// save, lazy-load or reach through a record it was only handed to read (src/import-boundaries.spec.ts).
// AccountsService copies its rows into these at its edge.

/**
 * A user as other modules read it: never the password hash. The fields a request's caller carries
 * are the auth layer's AuthUser; this adds what only account rules need.
 */
export interface UserReadModel extends AuthUser {
  /** Set while the registration that created the user waits for its welcome email: not usable yet. */
  readonly pendingSince: Date | null;
}

/** A user with the password hash: only for the checks that verify a password (sign-in). Never shown. */
export interface UserWithPasswordHash extends UserReadModel {
  /** argon2id PHC string; null for users who sign in another way. */
  readonly passwordHash: string | null;
}

/** A client record as other modules read it. */
export interface ClientReadModel {
  readonly id: number;
  readonly userId: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly phone: string | null;
  readonly companyId: number | null;
  readonly companyName: string | null;
  readonly enterprise: string | null;
  readonly active: boolean;
  readonly assistantFirstName: string | null;
  readonly assistantLastName: string | null;
  readonly assistantPhone: string | null;
  readonly assistantEmails: string | null;
  readonly additionalEmails: string | null;
  readonly employeeNotes: string | null;
  readonly realtorLicense: string | null;
  readonly bio: string | null;
  readonly displayName: string | null;
  readonly useDisplayName: boolean;
  readonly displayEmail: string | null;
  readonly useDisplayEmail: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Its user, when read with it: the client's email is the user's. */
  readonly user?: Pick<UserReadModel, 'email'>;
}

/** An employee record as other modules read it. */
export interface EmployeeReadModel {
  readonly id: number;
  readonly userId: number;
  readonly admin: boolean;
}

/** A liaison record as other modules read it. */
export interface LiaisonReadModel {
  readonly id: number;
  readonly userId: number;
  /** Its user, when read with it. */
  readonly user?: UserReadModel;
  /** The clients it acts for, when read with them. */
  readonly clients?: readonly Pick<ClientReadModel, 'id'>[];
}

/** The Clients Update page's fields beyond names, phone, company and `active`. */
export type ClientProfile = Pick<
  ClientReadModel,
  | 'assistantFirstName'
  | 'assistantLastName'
  | 'assistantPhone'
  | 'assistantEmails'
  | 'additionalEmails'
  | 'employeeNotes'
  | 'realtorLicense'
  | 'bio'
  | 'displayName'
  | 'useDisplayName'
  | 'displayEmail'
  | 'useDisplayEmail'
>;

/** A new client's profile: nothing filled in, the account's own name and email shown. */
export const EMPTY_CLIENT_PROFILE: ClientProfile = {
  assistantFirstName: null,
  assistantLastName: null,
  assistantPhone: null,
  assistantEmails: null,
  additionalEmails: null,
  employeeNotes: null,
  realtorLicense: null,
  bio: null,
  displayName: null,
  useDisplayName: false,
  displayEmail: null,
  useDisplayEmail: false,
};
