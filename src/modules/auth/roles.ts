/** The role records a user holds (CONTRACT.md §5). A user with none has "started registration". */
export interface Roles {
  readonly clientId: number | null;
  readonly employeeId: number | null;
  /** Only an employee can be admin. */
  readonly admin: boolean;
  readonly liaisonId: number | null;
  /** The client record exists and staff set it `active=false` (false when there is no client record). */
  readonly clientInactive: boolean;
}

export type RoleName = 'client' | 'employee' | 'liaison';

export const NO_ROLES: Roles = { clientId: null, employeeId: null, admin: false, liaisonId: null, clientInactive: false };

export function roleNames(roles: Roles): RoleName[] {
  const names: RoleName[] = [];
  if (roles.clientId !== null) names.push('client');
  if (roles.employeeId !== null) names.push('employee');
  if (roles.liaisonId !== null) names.push('liaison');
  return names;
}

/** Staff = any employee record (admin or not). */
export function isStaff(roles: Roles): boolean {
  return roles.employeeId !== null;
}

export function hasAnyRole(roles: Roles): boolean {
  return roleNames(roles).length > 0;
}

/**
 * `account-inactive` (CONTRACT.md §3): the user's only role is a client record staff deactivated.
 * Such a user cannot sign in, use a session or hand off to CaptuRE; an employee or liaison record
 * keeps the user's account working. Nothing is revoked: reactivation restores the sessions that
 * have not expired meanwhile.
 */
export function isInactiveAccount(roles: Roles): boolean {
  return roles.clientId !== null && roles.clientInactive && roles.employeeId === null && roles.liaisonId === null;
}
