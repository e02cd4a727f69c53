import { indexParamsOf } from '../../../common/index-query/index-params.js';
import type { IndexSpec } from '../../../common/index-query/index-spec.js';

/** `clients/index` in the index convention: `?count=true&search[term]=acme&filters[]=active_clients&page[size]=10&sort[attribute]=last_name`. */
export const CLIENTS_INDEX: IndexSpec = {
  resource: 'clients',
  searchable: ['first_name', 'last_name', 'email', 'company_name', 'phone'],
  sortable: ['id', 'first_name', 'last_name', 'company_name', 'created_at'],
  filters: ['active_clients', 'inactive_clients'],
  defaultSort: { attribute: 'id', order: 'asc' },
};

const clientsIndex = indexParamsOf(CLIENTS_INDEX);

/** A class of its own (not the built one) so that Nest's ValidationPipe sees it as the param's type. */
export class IndexClientsDto extends clientsIndex.Params {}

export const ClientsIndexParams = clientsIndex.documented;
