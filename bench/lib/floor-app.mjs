// The floor app: the least work Plano's contract asks of a Nest app for one request, done the
// textbook way, as a yardstick beside Plano's rows.
//
// The issue sets its targets as ratios to bare Express and names a yardstick for the token check:
// "a naive Nest app with a global token guard on a prepared SQLite statement plus a global
// ValidationPipe". This is that app, plus the duties the contract puts on every response
// (lib/contract-duties.mjs: request id, no-store and helmet's headers, one pino line per request,
// the envelope), failures through one global exception filter, so one run shows what those cost in
// Nest. lib/duties-app.mjs does the same duties in bare Express.
//
// For GET /api/v1/sessions/read the global guard hashes the Bearer token (SHA-256, as Plano stores
// it) and runs Plano's token lookup on the same database on every request (no cache), then the
// handler maps the row to the same session view. Everything else Plano does is left out: the
// registry (route-not-found), the expiry and idle rules, touches, rate limits, the body reader,
// sensitive-param decoding, redaction. It is a floor of work, not of cost: it does less than Plano,
// naively, and Plano may well answer faster.
//
// Plain JavaScript, so the bench needs no build of its own: decorators are applied as the functions
// they are. Started by lib/servers.mjs as `node bench/lib/floor-app.mjs` with DATABASE_URL, PORT, HOST.
import 'reflect-metadata';
import { Catch, Controller, Get, Module, NotFoundException, Req, UnauthorizedException, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { contractDuties, envelope, ROUTE_NON_EXISTENT } from './contract-duties.mjs';

// The joins of Plano's token lookup (FIND_BY_TOKEN_HASH in src/modules/sessions/sessions.repository.ts),
// copied rather than imported: the floor app loads nothing of Plano's, so its row measures Nest, the
// contract's duties and this one statement. It selects only the columns the view below needs.
const TOKEN_LOOKUP = `
  SELECT s.id, s.user_id, s.created_at, s.last_used_at, s.revoked_at, s.expired_at,
         u.email, u.first_name, u.last_name, u.phone, u.remember_me, u.created_at AS user_created_at,
         a.slug AS application_slug,
         c.id AS client_id, e.id AS employee_id, e.admin AS admin, l.id AS liaison_id
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    JOIN applications a ON a.id = s.application_id
    LEFT JOIN clients c ON c.user_id = u.id AND c.pending_since IS NULL
    LEFT JOIN employees e ON e.user_id = u.id
    LEFT JOIN liaisons l ON l.user_id = u.id
   WHERE s.token_hash = $1`;

const SESSION_DAYS = 3;

/** The token lookup on the engine of DATABASE_URL: better-sqlite3's prepared statement, or a named pg statement. */
function tokenLookup(databaseUrl) {
  if (databaseUrl.startsWith('sqlite:')) {
    const statement = new Database(databaseUrl.slice('sqlite:'.length)).prepare(TOKEN_LOOKUP.replace('$1', '?'));
    return async (tokenHash) => statement.get(tokenHash);
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 }); // Plano's DATABASE_POOL_SIZE default
  return async (tokenHash) => (await pool.query({ name: 'floor_token_lookup', text: TOKEN_LOOKUP, values: [tokenHash] })).rows[0];
}

const iso = (value) => new Date(typeof value === 'string' && !value.includes('T') ? `${value.replace(' ', 'T')}Z` : value).toISOString();

class TokenGuard {
  constructor(lookup) {
    this.lookup = lookup;
  }

  async canActivate(context) {
    const request = context.switchToHttp().getRequest();
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Bearer ')) throw new UnauthorizedException();
    const row = await this.lookup(createHash('sha256').update(header.slice(7)).digest('hex'));
    if (!row || row.revoked_at !== null || row.expired_at !== null) throw new UnauthorizedException();
    request.session = row;
    return true;
  }
}

class SessionsController {
  read(request) {
    const row = request.session;
    const createdAt = iso(row.created_at);
    return envelope('action-successful', 'The request was successful.', request.id, {
      data: {
        user: {
          id: row.user_id,
          email: row.email,
          first_name: row.first_name,
          last_name: row.last_name,
          phone: row.phone,
          remember_me: Boolean(row.remember_me),
          created_at: iso(row.user_created_at),
        },
        roles: { client_id: row.client_id, employee_id: row.employee_id, admin: Boolean(row.admin), liaison_id: row.liaison_id },
      },
      session: {
        id: row.id,
        application: row.application_slug,
        user_id: row.user_id,
        remember_me: Boolean(row.remember_me),
        created_at: createdAt,
        last_used_at: iso(row.last_used_at),
        expires_at: new Date(Date.parse(createdAt) + SESSION_DAYS * 86_400_000).toISOString(),
      },
    });
  }
}
Controller('api/v1/sessions')(SessionsController);
Reflect.defineMetadata('design:paramtypes', [Object], SessionsController.prototype, 'read');
Req()(SessionsController.prototype, 'read', 0);
Get('read')(SessionsController.prototype, 'read', Object.getOwnPropertyDescriptor(SessionsController.prototype, 'read'));

const INVALID_TOKEN = { slug: 'invalid-token', message: 'The token is invalid.', httpStatus: 401 };
const APPLICATION_CRASH = { slug: 'application-crash', message: 'The application crashed.', httpStatus: 500 };

class EnvelopeFilter {
  catch(exception, host) {
    const request = host.switchToHttp().getRequest();
    const response = host.switchToHttp().getResponse();
    const answer =
      exception instanceof NotFoundException ? ROUTE_NON_EXISTENT : exception instanceof UnauthorizedException ? INVALID_TOKEN : APPLICATION_CRASH;
    request.statusSlug = answer.slug;
    response.status(answer.httpStatus).json(envelope(answer.slug, answer.message, request.id));
  }
}
Catch()(EnvelopeFilter); // everything thrown, as Plano's filter

class FloorModule {}
Module({ controllers: [SessionsController] })(FloorModule);

const app = await NestFactory.create(FloorModule, { logger: false });
app.set('etag', false);
app.disable('x-powered-by');
app.use(contractDuties());
app.useGlobalGuards(new TokenGuard(tokenLookup(process.env.DATABASE_URL)));
app.useGlobalPipes(new ValidationPipe());
app.useGlobalFilters(new EnvelopeFilter());
// The bench waits for GET /health before it measures; it answers outside Nest, as Express would.
app.getHttpAdapter().getInstance().get('/health', (_request, response) => response.json({ status: 'ok' }));
await app.listen(Number(process.env.PORT), process.env.HOST);
