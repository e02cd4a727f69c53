import { Inject, Injectable } from '@nestjs/common';
import { hashToken, isWellFormedToken, issueToken } from '../../common/security/opaque-token.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import { applicationsConfig, type ApplicationSlug, type ApplicationsConfig } from '../../config/applications.config.js';
import type { ApplicationAuth } from '../auth/auth-context.js';
import type { ApplicationAuthenticator } from '../auth/authenticators.js';
import type { ApplicationReadModel } from './application.read-models.js';
import type { ApplicationTokenIssued } from './application.responses.js';
import type { ApplicationTokenView, ApplicationView } from './application.views.js';
import { ApplicationsRepository, type TokenWithApplication } from './applications.repository.js';

/** A token's last_used_at moves at most this often: a token that redeems a code a second writes once a minute. */
const TOKEN_TOUCH_INTERVAL_MS = 60_000;

/** The apps that call the platform, their base URLs (from config) and their server-to-server tokens. */
@Injectable()
export class ApplicationsService implements ApplicationAuthenticator {
  constructor(
    private readonly applications: ApplicationsRepository,
    @Inject(applicationsConfig.KEY) private readonly config: ApplicationsConfig,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<ApplicationView[]> {
    const rows = await this.applications.all();
    return rows.map((row) => this.toView(row));
  }

  /** The application (a plain copy, not the entity), or null for a slug we do not know. */
  async findBySlug(slug: string): Promise<ApplicationReadModel | null> {
    const application = await this.applications.withSlug(slug);
    return application && { id: application.id, slug: application.slug, name: application.name };
  }

  /** The application with this id (a plain copy), or null. */
  async findById(id: number): Promise<ApplicationReadModel | null> {
    const application = await this.applications.withId(id);
    return application && { id: application.id, slug: application.slug, name: application.name };
  }

  baseUrlOf(slug: ApplicationSlug): string {
    return this.config.baseUrls[slug];
  }

  toView(application: ApplicationReadModel): ApplicationView {
    return {
      id: application.id,
      slug: application.slug,
      name: application.name,
      base_url: this.config.baseUrls[application.slug as ApplicationSlug] ?? null,
    };
  }

  /** A new token for the application, returned once; only its hash is kept. */
  async createToken(slug: ApplicationSlug, createdByUserId: number): Promise<ApplicationTokenIssued> {
    const application = await this.findBySlug(slug);
    if (!application) throw new PlanoException('invalid-param', { errors: [{ param: 'application', problem: 'not-found' }] });
    const issued = issueToken();
    await this.applications.addToken({
      applicationId: application.id,
      tokenHash: issued.hash,
      createdByUserId,
      createdAt: this.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    });
    return { token: issued.token, application: this.toView(application) };
  }

  /** `applications/tokens`: every token's metadata, newest first. */
  async listTokens(): Promise<ApplicationTokenView[]> {
    const rows = await this.applications.allTokens();
    return rows.map((row) => toTokenView(row));
  }

  /**
   * `applications/revoke_token`. The token check reads the database on every call (application
   * tokens are never cached), so the token is refused from the next request on, on every instance.
   * Revoking a revoked token changes nothing and answers it as it is.
   */
  async revokeToken(id: number): Promise<ApplicationTokenView> {
    if (!(await this.applications.tokenWithId(id))) throw PlanoException.notFoundOrNotYours('id', id);
    await this.applications.revokeToken(id, this.clock.now());
    const revoked = await this.applications.tokenWithId(id);
    if (!revoked) throw PlanoException.notFoundOrNotYours('id', id); // deleted in between (its application went away)
    return toTokenView(revoked);
  }

  /** The application a token belongs to, if it is a live token of `slug`; else `invalid-token`. */
  async authenticateApplication(token: string, slug: ApplicationSlug): Promise<ApplicationAuth> {
    const row = isWellFormedToken(token)
      ? await this.applications.liveTokenWithHash(hashToken(token))
      : null;
    if (!row?.application || row.application.slug !== slug) throw new PlanoException('invalid-token');
    const now = this.clock.now();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOKEN_TOUCH_INTERVAL_MS) {
      await this.applications.touchToken(row.id, now);
    }
    return { kind: 'application', applicationId: row.application.id, applicationSlug: slug, tokenId: row.id };
  }
}

function toTokenView(row: TokenWithApplication): ApplicationTokenView {
  return {
    id: row.id,
    application: row.application.slug,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}
