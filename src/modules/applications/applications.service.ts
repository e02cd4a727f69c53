import { Inject, Injectable } from '@nestjs/common';
import { hashToken, isWellFormedToken, issueToken } from '../../common/security/opaque-token.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import { Clock } from '../../common/time/clock.js';
import { applicationsConfig, type ApplicationSlug, type ApplicationsConfig } from '../../config/applications.config.js';
import type { ApplicationAuth } from '../auth/auth-context.js';
import type { ApplicationAuthenticator } from '../auth/authenticators.js';
import type { ApplicationReadModel } from './application.read-models.js';
import type { ApplicationTokenIssued } from './application.responses.js';
import type { ApplicationView } from './application.views.js';
import { ApplicationsRepository } from './applications.repository.js';

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
      revokedAt: null,
    });
    return { token: issued.token, application: this.toView(application) };
  }

  /** The application a token belongs to, if it is a live token of `slug`; else `invalid-token`. */
  async authenticateApplication(token: string, slug: ApplicationSlug): Promise<ApplicationAuth> {
    const row = isWellFormedToken(token)
      ? await this.applications.liveTokenWithHash(hashToken(token))
      : null;
    if (!row?.application || row.application.slug !== slug) throw new PlanoException('invalid-token');
    return { kind: 'application', applicationId: row.application.id, applicationSlug: slug, tokenId: row.id };
  }
}
