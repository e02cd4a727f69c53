import { ApiProperty } from '@nestjs/swagger';
import type { ClientReadModel, UserReadModel } from './account.read-models.js';
import type { Roles } from '../auth/roles.js';

// The view classes are the OpenAPI document's named schemas (@ApiSuccess): handlers return
// objects of these shapes, so what the document says is what the compiler checks.

/** A user as the API shows it: never the password hash. */
export class UserView {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty() email!: string;
  @ApiProperty() first_name!: string;
  @ApiProperty() last_name!: string;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ description: "The user's sessions do not expire by time while this holds." }) remember_me!: boolean;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

/** What a user view is made from. */
export type UserOfView = Pick<UserReadModel, 'id' | 'email' | 'firstName' | 'lastName' | 'phone' | 'rememberMe' | 'createdAt'>;

export function toUserView(user: UserOfView): UserView {
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

/** Which role records the user holds (null: not that role). */
export class RolesView {
  @ApiProperty({ type: 'integer', nullable: true }) client_id!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) employee_id!: number | null;
  @ApiProperty({ description: 'An employee with the admin flag.' }) admin!: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) liaison_id!: number | null;
}

export function toRolesView(roles: Roles): RolesView {
  return { client_id: roles.clientId, employee_id: roles.employeeId, admin: roles.admin, liaison_id: roles.liaisonId };
}

/** A client as the API shows it (fields of the PlanoCore Clients pages that our model holds). */
export class ClientView {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ type: 'integer' }) user_id!: number;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty() first_name!: string;
  @ApiProperty() last_name!: string;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) company_id!: number | null;
  @ApiProperty({ type: String, nullable: true }) company_name!: string | null;
  @ApiProperty({ type: String, nullable: true }) enterprise!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

/** `email` comes from the client's user when it is loaded (`client.user`), else null. */
export function toClientView(client: ClientReadModel): ClientView {
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
