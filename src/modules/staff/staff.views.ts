import { ApiProperty } from '@nestjs/swagger';
import type { EmployeeReadModel, LiaisonReadModel } from '../accounts/account.read-models.js';
import { toUserView, UserView, type UserOfView } from '../accounts/account.views.js';

// Classes rather than interfaces: they are the OpenAPI document's named schemas (@ApiSuccess).

/** An employee as the API shows it, with its user (never the password hash). */
export class EmployeeView {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ type: 'integer' }) user_id!: number;
  @ApiProperty() admin!: boolean;
  @ApiProperty({ type: UserView }) user!: UserView;
}

export function toEmployeeView(employee: EmployeeReadModel, user: UserOfView): EmployeeView {
  return { id: employee.id, user_id: employee.userId, admin: employee.admin, user: toUserView(user) };
}

/** A liaison as the API shows it: its user and the ids of the clients it acts for, ascending. */
export class LiaisonView {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ type: 'integer' }) user_id!: number;
  @ApiProperty({ type: 'integer', isArray: true, description: 'The clients the liaison acts for, ascending.' }) client_ids!: number[];
  @ApiProperty({ type: UserView }) user!: UserView;
}

/** Needs `liaison.user` and `liaison.clients` loaded. */
export function toLiaisonView(liaison: LiaisonReadModel & { user: UserOfView }): LiaisonView {
  return {
    id: liaison.id,
    user_id: liaison.userId,
    client_ids: (liaison.clients ?? []).map((client) => client.id).sort((a, b) => a - b),
    user: toUserView(liaison.user),
  };
}
