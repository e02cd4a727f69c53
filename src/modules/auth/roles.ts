/** The role records a user holds (CONTRACT.md §5). A user with none has "started registration". */
export interface Roles {
  readonly clientId: number | null;
  readonly employeeId: number | null;
  /** Only an employee can be admin. */
  readonly admin: boolean;
  readonly liaisonId: number | null;
}

export type RoleName = 'client' | 'employee' | 'liaison';

export const NO_ROLES: Roles = { clientId: null, employeeId: null, admin: false, liaisonId: null };

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
