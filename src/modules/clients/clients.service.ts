import { Injectable } from '@nestjs/common';
import { PlanoException } from '../../common/status/plano.exception.js';
import { toClientView, type ClientView } from '../accounts/account.views.js';
import { AccountsService } from '../accounts/accounts.service.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { isStaff } from '../auth/roles.js';
import { ClientAccess } from './client-access.js';
import type { ClientPage } from './client.responses.js';
import { indexQueryOf, type IndexParams } from '../../common/index-query/index-params.js';
import { CLIENTS_INDEX } from './dto/index-clients.dto.js';
import type { UpdateClientDto } from './dto/client-params.dto.js';
import { normalizeEmailList } from '../../common/validation/email-list.js';

/** Clients as staff (and, for themselves, clients and liaisons) see and change them. */
@Injectable()
export class ClientsService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly access: ClientAccess,
  ) {}

  /** `clients/index`: one page of the clients matching the search, in the order asked. */
  async index(params: IndexParams, caller: SessionAuth, view: string): Promise<ClientPage> {
    const { clients, total } = await this.accounts.searchClients(indexQueryOf(params, CLIENTS_INDEX));
    const staff = isStaff(caller.roles);
    const results = clients.map((client) => toClientView(client, view, staff));
    return total === null ? { results } : { results, count: total };
  }

  /** `clients/read`: a client the caller may use (ClientAccess). */
  async read(caller: SessionAuth, clientId: number, view: string): Promise<ClientView> {
    return toClientView(await this.access.assertCanUse(caller, clientId), view, isStaff(caller.roles));
  }

  /** `clients/update`: changes the given fields of a client the caller may edit; `active` and `employee_notes` are staff's alone. */
  async update(caller: SessionAuth, changes: UpdateClientDto, view: string): Promise<ClientView> {
    const staffOnly = STAFF_ONLY_CHANGES.filter((field) => changes[field] !== undefined);
    if (staffOnly.length > 0 && !isStaff(caller.roles)) {
      throw new PlanoException('permission-denied', { message: `Only staff may change ${staffOnly.join(' and ')}.` });
    }
    const client = await this.access.assertCanEdit(caller, changes.id);
    const updated = await this.accounts.updateClient(client.id, {
      firstName: changes.first_name,
      lastName: changes.last_name,
      phone: clearedIfEmpty(changes.phone),
      active: changes.active,
      companyId: changes.company_id,
      companyName: clearedIfEmpty(changes.company_name),
      enterprise: clearedIfEmpty(changes.enterprise),
      assistantFirstName: clearedIfEmpty(changes.assistant_first_name),
      assistantLastName: clearedIfEmpty(changes.assistant_last_name),
      assistantPhone: clearedIfEmpty(changes.assistant_phone),
      assistantEmails: emailListChange(changes.assistant_emails),
      additionalEmails: emailListChange(changes.additional_emails),
      employeeNotes: clearedIfEmpty(changes.employee_notes),
      realtorLicense: clearedIfEmpty(changes.realtor_license),
      bio: clearedIfEmpty(changes.bio),
      displayName: clearedIfEmpty(changes.display_name),
      useDisplayName: changes.use_display_name,
      displayEmail: clearedIfEmpty(changes.display_email),
      useDisplayEmail: changes.use_display_email,
    });
    return toClientView(updated, view, isStaff(caller.roles));
  }
}

/**
 * null means "not given" (CONTRACT.md §12), so an optional text field is cleared with an empty
 * string: stored as null, as it was before it was ever set.
 */
function clearedIfEmpty(value: string | undefined): string | null | undefined {
  return value === '' ? null : value;
}

/** An address list is stored as its addresses, trimmed, comma-separated. */
function emailListChange(value: string | undefined): string | null | undefined {
  return value === undefined || value === '' ? clearedIfEmpty(value) : normalizeEmailList(value);
}

/** The fields only staff may change: a client sending one gets permission-denied. */
const STAFF_ONLY_CHANGES = ['active', 'employee_notes'] as const satisfies readonly (keyof UpdateClientDto)[];
