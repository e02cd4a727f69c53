import { Injectable } from '@nestjs/common';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { ClientAccess } from '../clients/client-access.js';
import { indexQueryOf } from '../../common/index-query/index-params.js';
import { ORDERS_INDEX, TOURS_INDEX, type CreateOrderDto, type CreateTourDto, type IndexOrdersDto, type IndexToursDto } from './dto/orders-params.dto.js';
import type { OrderEntity } from './entities/order.entity.js';
import type { TourEntity } from './entities/tour.entity.js';
import { OrdersRepository, type ClientScope } from './orders.repository.js';

/** An order as recordOrder writes it: whose, where, and who created it. */
export interface NewOrder {
  readonly clientId: number;
  readonly address: string;
  readonly createdByUserId: number;
}

/** A tour as recordTour writes it; `orderId`, when set, is an order of the same client. */
export interface NewTour extends NewOrder {
  readonly orderId: number | null;
}

/**
 * Orders and tours of clients. Which clients a caller may see or act for is ClientAccess's rule
 * (staff any, a client itself, a liaison its linked clients); this service applies it to lists.
 * Exported: the XSO route checks an order or tour against its client with isOrderOfClient /
 * isTourOfClient.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly access: ClientAccess,
    private readonly clock: Clock,
  ) {}

  /** Whether the order exists and belongs to the client (false either way: the caller cannot tell which). */
  isOrderOfClient(orderId: number, clientId: number): Promise<boolean> {
    return this.orders.hasOrderOfClient(orderId, clientId);
  }

  /** Whether the tour exists and belongs to the client. */
  isTourOfClient(tourId: number, clientId: number): Promise<boolean> {
    return this.orders.hasTourOfClient(tourId, clientId);
  }

  /** `orders/create`: client_id must name a client the caller may use (for staff: any existing one). */
  async createOrder(caller: SessionAuth, params: CreateOrderDto): Promise<OrderEntity> {
    const client = await this.access.assertCanUse(caller, params.client_id, 'client_id');
    return this.orders.addOrder({ clientId: client.id, address: params.address, createdByUserId: caller.user.id, createdAt: this.clock.now() });
  }

  /** `tours/create`: as orders/create, and order_id, when given, must be an order of that same client. */
  async createTour(caller: SessionAuth, params: CreateTourDto): Promise<TourEntity> {
    const client = await this.access.assertCanUse(caller, params.client_id, 'client_id');
    const orderId = params.order_id ?? null;
    if (orderId !== null && !(await this.isOrderOfClient(orderId, client.id))) throw PlanoException.notFoundOrNotYours('order_id', orderId);
    return this.orders.addTour({ clientId: client.id, orderId, address: params.address, createdByUserId: caller.user.id, createdAt: this.clock.now() });
  }

  /**
   * Writes an order without asking ClientAccess, for a caller that has settled who may already (the
   * demo seed; part of its transaction); answers the order's id. Routes use createOrder.
   */
  async recordOrder(order: NewOrder): Promise<number> {
    return (await this.orders.addOrder({ ...order, createdAt: this.clock.now() })).id;
  }

  /** As recordOrder, for a tour. Routes use createTour. */
  async recordTour(tour: NewTour): Promise<number> {
    return (await this.orders.addTour({ ...tour, createdAt: this.clock.now() })).id;
  }

  /** `orders/index`: one page of the orders the caller may see, optionally of one client. */
  async indexOrders(caller: SessionAuth, params: IndexOrdersDto): Promise<{ rows: OrderEntity[]; total: number | null }> {
    return this.orders.ordersOfClients(await this.clientsVisibleTo(caller, params.client_id), indexQueryOf(params, ORDERS_INDEX));
  }

  /** `tours/index`: one page of the tours the caller may see, optionally of one client. */
  async indexTours(caller: SessionAuth, params: IndexToursDto): Promise<{ rows: TourEntity[]; total: number | null }> {
    return this.orders.toursOfClients(await this.clientsVisibleTo(caller, params.client_id), indexQueryOf(params, TOURS_INDEX));
  }

  /**
   * The clients whose rows the caller sees: one client (checked by ClientAccess, so a client the
   * caller may not use answers like a nonexistent one), or every client the caller may use. A user
   * holding several roles sees the union of what each role allows, as ClientAccess decides.
   */
  private async clientsVisibleTo(caller: SessionAuth, clientId: number | undefined): Promise<ClientScope> {
    if (clientId === undefined) return this.access.clientIdsUsableBy(caller);
    await this.access.assertCanUse(caller, clientId, 'client_id');
    return [clientId];
  }
}
