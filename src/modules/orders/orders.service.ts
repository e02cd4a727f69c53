import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import type { SessionAuth } from '../auth/auth-context.js';
import { ClientAccess } from '../clients/client-access.js';
import type { CreateOrderDto, CreateTourDto } from './dto/orders-params.dto.js';
import { OrderEntity } from './entities/order.entity.js';
import { TourEntity } from './entities/tour.entity.js';

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
 * Exported: the XSO route checks an order or tour against its client with findOrderOfClient /
 * findTourOfClient.
 */
@Injectable()
export class OrdersService {
  constructor(
    @InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>,
    @InjectRepository(TourEntity) private readonly tours: Repository<TourEntity>,
    private readonly access: ClientAccess,
    private readonly clock: Clock,
  ) {}

  /** The order, if it exists and belongs to the client; else null (the caller cannot tell which). */
  findOrderOfClient(orderId: number, clientId: number): Promise<OrderEntity | null> {
    return this.orders.findOneBy({ id: orderId, clientId });
  }

  /** The tour, if it exists and belongs to the client; else null. */
  findTourOfClient(tourId: number, clientId: number): Promise<TourEntity | null> {
    return this.tours.findOneBy({ id: tourId, clientId });
  }

  /** `orders/create`: client_id must name a client the caller may use (for staff: any existing one). */
  async createOrder(caller: SessionAuth, params: CreateOrderDto): Promise<OrderEntity> {
    const client = await this.access.assertCanUse(caller, params.client_id, 'client_id');
    return this.orders.save(
      this.orders.create({ clientId: client.id, address: params.address, createdByUserId: caller.user.id, createdAt: this.clock.now() }),
    );
  }

  /** `tours/create`: as orders/create, and order_id, when given, must be an order of that same client. */
  async createTour(caller: SessionAuth, params: CreateTourDto): Promise<TourEntity> {
    const client = await this.access.assertCanUse(caller, params.client_id, 'client_id');
    const orderId = params.order_id ?? null;
    if (orderId !== null && !(await this.findOrderOfClient(orderId, client.id))) throw notAccessible('order_id', orderId);
    return this.tours.save(
      this.tours.create({ clientId: client.id, orderId, address: params.address, createdByUserId: caller.user.id, createdAt: this.clock.now() }),
    );
  }

  /**
   * Writes an order without asking ClientAccess: for a caller that has settled who may already
   * (the demo seed), inside its transaction when it passes the `manager`. Routes use createOrder.
   */
  recordOrder(order: NewOrder, manager: EntityManager = this.orders.manager): Promise<OrderEntity> {
    return manager.save(manager.create(OrderEntity, { ...order, createdAt: this.clock.now() }));
  }

  /** As recordOrder, for a tour. Routes use createTour. */
  recordTour(tour: NewTour, manager: EntityManager = this.tours.manager): Promise<TourEntity> {
    return manager.save(manager.create(TourEntity, { ...tour, createdAt: this.clock.now() }));
  }

  /** `orders/index`: the orders the caller may see, optionally of one client, by id. */
  indexOrders(caller: SessionAuth, clientId: number | undefined): Promise<OrderEntity[]> {
    return this.visibleTo(this.orders, caller, clientId);
  }

  /** `tours/index`: the tours the caller may see, optionally of one client, by id. */
  indexTours(caller: SessionAuth, clientId: number | undefined): Promise<TourEntity[]> {
    return this.visibleTo(this.tours, caller, clientId);
  }

  /**
   * Rows of the clients the caller may use: one client (checked by ClientAccess, so a client the
   * caller may not use answers like a nonexistent one), or every client the caller may use. A user
   * holding several roles sees the union of what each role allows, as ClientAccess decides.
   */
  private async visibleTo<T extends OrderEntity | TourEntity>(rows: Repository<T>, caller: SessionAuth, clientId: number | undefined): Promise<T[]> {
    const query = rows.createQueryBuilder('row').orderBy('row.id', 'ASC');
    if (clientId !== undefined) {
      await this.access.assertCanUse(caller, clientId, 'client_id');
      query.where('row.clientId = :clientId', { clientId });
    } else {
      const usable = await this.access.clientIdsUsableBy(caller);
      if (usable !== 'all') {
        if (usable.length === 0) return [];
        query.where('row.clientId IN (:...usable)', { usable });
      }
    }
    return query.getMany();
  }
}

/** The same answer ClientAccess gives for a client: an id that does not exist or is not the caller's. */
function notAccessible(param: string, id: number): PlanoException {
  return new PlanoException('invalid-param', {
    message: `${param} ${id} does not exist or is not accessible`,
    errors: [{ param, problem: 'not-found' }],
  });
}
