import type { ClientEntity } from './entities/client.entity.js';
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

/** A client as the API shows it (fields of the PlanoCore Clients pages that our model holds). */
export interface ClientView {
  id: number;
  user_id: number;
  email: string | null;
  first_name: string;
  last_name: string;
  phone: string | null;
  company_id: number | null;
  company_name: string | null;
  enterprise: string | null;
  active: boolean;
  created_at: string;
  updated_at: string;
}

/** `email` comes from the client's user when it is loaded (`client.user`), else null. */
export function toClientView(client: ClientEntity): ClientView {
  return {
    id: client.id,
    user_id: client.userId,
    email: client.user?.email ?? null,
    first_name: client.firstName,
    last_name: client.lastName,
    phone: client.phone,
    company_id: client.companyId,
    company_name: client.companyName,
    enterprise: client.enterprise,
    active: client.active,
    created_at: client.createdAt.toISOString(),
    updated_at: client.updatedAt.toISOString(),
  };
}
