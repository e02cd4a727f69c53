import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ViewSet } from '../../common/views/view-set.js';
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

/**
 * A client as the API shows it: the fields of PlanoCore's Clients pages that our model holds. Which
 * of them an answer carries is the `view` the caller asked for (CLIENT_VIEWS; `id` always), and
 * `employee_notes` and `active` only when the caller is staff.
 */
export class ClientView {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiPropertyOptional({ type: 'integer' }) user_id?: number;
  @ApiPropertyOptional({ type: String, nullable: true }) email?: string | null;
  @ApiPropertyOptional() first_name?: string;
  @ApiPropertyOptional() last_name?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) phone?: string | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) company_id?: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) company_name?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) enterprise?: string | null;
  @ApiPropertyOptional({ description: 'Staff only. false: deactivated (the account-inactive status).' }) active?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) assistant_first_name?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) assistant_last_name?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) assistant_phone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Comma-separated addresses copied on the client’s order emails.' })
  assistant_emails?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Comma-separated addresses.' }) additional_emails?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff only: internal notes, never shown to the client.' })
  employee_notes?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) realtor_license?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) bio?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Shown instead of the names while use_display_name holds.' })
  display_name?: string | null;
  @ApiPropertyOptional() use_display_name?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Shown instead of the email while use_display_email holds.' })
  display_email?: string | null;
  @ApiPropertyOptional() use_display_email?: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) created_at?: string;
  @ApiPropertyOptional({ format: 'date-time' }) updated_at?: string;
}

/** Every field of a client: what the views choose from. */
export type FullClientView = Required<ClientView>;

/** Fields only staff read (and write): a client reading itself, or its liaison, never gets them. */
const STAFF_ONLY_CLIENT_FIELDS: ReadonlySet<keyof FullClientView> = new Set(['employee_notes', 'active']);

const DISPLAY_FIELDS = ['display_name', 'use_display_name', 'display_email', 'use_display_email'] as const;

/**
 * The client views of PlanoCore's Clients Update page, with the fields that exist here.
 * `planox_client_read_tours` and `contract_type_view` are not declared yet: until they are, they
 * are unknown views (invalid-param), like any other name.
 */
export const CLIENT_VIEWS = new ViewSet<FullClientView, 'default' | 'client_read' | 'planox_client_read_profile' | 'planox_client_read_branding' | 'planox_client_read_preferences'>('client', {
  default: ['user_id', 'email', 'first_name', 'last_name', 'phone', 'company_id', 'company_name', 'enterprise', 'active', 'created_at', 'updated_at'],
  /** Everything the caller may see. */
  client_read: [
    'user_id', 'email', 'first_name', 'last_name', 'phone', 'company_id', 'company_name', 'enterprise', 'active',
    'assistant_first_name', 'assistant_last_name', 'assistant_phone', 'assistant_emails', 'additional_emails',
    'employee_notes', 'realtor_license', 'bio', ...DISPLAY_FIELDS, 'created_at', 'updated_at',
  ],
  planox_client_read_profile: ['first_name', 'last_name', 'email', 'phone', 'bio', 'realtor_license', ...DISPLAY_FIELDS],
  planox_client_read_branding: [...DISPLAY_FIELDS],
  planox_client_read_preferences: ['assistant_first_name', 'assistant_last_name', 'assistant_phone', 'assistant_emails', 'additional_emails'],
});

export type ClientViewName = (typeof CLIENT_VIEWS.names)[number];

/** The client in `view`, for a caller who is staff or not. `email` comes from its user when loaded (`client.user`), else null. */
export function toClientView(client: ClientReadModel, view: string, staff: boolean): ClientView {
  const name = CLIENT_VIEWS.has(view) ? view : 'default';
  return CLIENT_VIEWS.render(fullClientView(client), name, (field) => staff || !STAFF_ONLY_CLIENT_FIELDS.has(field));
}

function fullClientView(client: ClientReadModel): FullClientView {
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
    assistant_first_name: client.assistantFirstName,
    assistant_last_name: client.assistantLastName,
    assistant_phone: client.assistantPhone,
    assistant_emails: client.assistantEmails,
    additional_emails: client.additionalEmails,
    employee_notes: client.employeeNotes,
    realtor_license: client.realtorLicense,
    bio: client.bio,
    display_name: client.displayName,
    use_display_name: client.useDisplayName,
    display_email: client.displayEmail,
    use_display_email: client.useDisplayEmail,
    created_at: client.createdAt.toISOString(),
    updated_at: client.updatedAt.toISOString(),
  };
}
