import { toUserView, type UserView } from '../accounts/account.views.js';
import type { EmployeeEntity } from '../accounts/entities/employee.entity.js';
import type { LiaisonEntity } from '../accounts/entities/liaison.entity.js';
import type { UserEntity } from '../accounts/entities/user.entity.js';

/** An employee as the API shows it, with its user (never the password hash). */
export interface EmployeeView {
  id: number;
  user_id: number;
  admin: boolean;
  user: UserView;
}

export function toEmployeeView(employee: EmployeeEntity, user: UserEntity): EmployeeView {
  return { id: employee.id, user_id: employee.userId, admin: employee.admin, user: toUserView(user) };
}

/** A liaison as the API shows it: its user and the ids of the clients it acts for, ascending. */
export interface LiaisonView {
  id: number;
  user_id: number;
  client_ids: number[];
  user: UserView;
}

/** Needs `liaison.user` and `liaison.clients` loaded. */
export function toLiaisonView(liaison: LiaisonEntity & { user: UserEntity }): LiaisonView {
  return {
    id: liaison.id,
    user_id: liaison.userId,
    client_ids: (liaison.clients ?? []).map((client) => client.id).sort((a, b) => a - b),
    user: toUserView(liaison.user),
  };
}
