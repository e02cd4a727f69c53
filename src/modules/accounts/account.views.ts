import type { UserEntity } from './entities/user.entity.js';
import type { Roles } from './roles.js';

/** A user as the API shows it: never the password hash. */
export interface UserView {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  remember_me: boolean;
  created_at: string;
}

export function toUserView(user: UserEntity): UserView {
  return {
    id: user.id,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    phone: user.phone,
    remember_me: user.rememberMe,
    created_at: user.createdAt.toISOString(),
  };
}

export interface RolesView {
  client_id: number | null;
  employee_id: number | null;
  admin: boolean;
  liaison_id: number | null;
}

export function toRolesView(roles: Roles): RolesView {
  return { client_id: roles.clientId, employee_id: roles.employeeId, admin: roles.admin, liaison_id: roles.liaisonId };
}
