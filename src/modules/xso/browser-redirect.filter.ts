import { Catch, Inject, Injectable, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EnvelopeExceptionFilter } from '../../common/filters/envelope-exception.filter.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import { applicationsConfig, type ApplicationsConfig } from '../../config/applications.config.js';
import { tokenOf } from '../auth/token-extraction.js';

/** Thrown by a handler to send a browser to `url` with a 302 instead of answering JSON. */
export class BrowserRedirect {
  constructor(readonly url: string) {}
}

/** Whether the caller is a browser following a link: its Accept prefers HTML over JSON. */
export function prefersHtml(request: Request): boolean {
  return request.accepts(['application/json', 'text/html']) === 'text/html';
}

/**
 * The XSO route answers browsers with redirects (CONTRACT.md §9): on success to CaptuRE, on
 * `client-required` to the PlanoAuth client registration page. Everything else is handed to the
 * global filter, which renders it in the envelope (and reports and logs it) as on any route: a
 * route-scoped filter replaces the global one for its route, so it must delegate, not fall through.
 * Redirects travel as a thrown BrowserRedirect because a Nest handler cannot choose per request
 * between a redirect and a normal reply.
 */
@Catch()
@Injectable()
export class XsoBrowserFilter implements ExceptionFilter {
  constructor(
    private readonly envelopeFilter: EnvelopeExceptionFilter,
    @Inject(applicationsConfig.KEY) private readonly applications: ApplicationsConfig,
  ) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof BrowserRedirect) {
      return this.redirect(request, response, exception.url, 'action-successful');
    }
    if (exception instanceof PlanoException && exception.slug === 'client-required' && prefersHtml(request)) {
      return this.redirect(request, response, this.registrationPage(request), 'client-required');
    }
    return this.envelopeFilter.catch(exception, host);
  }

  /**
   * PlanoAuth's client registration page, told where to send the user back and given the session
   * token it needs for users/client_register — in the fragment, which browsers never send to a
   * server or put in a Referer.
   */
  private registrationPage(request: Request): string {
    const page = new URL(`${this.applications.baseUrls.planoauth}/clients/register`);
    const returnTo = new URL(request.originalUrl, 'http://placeholder');
    returnTo.searchParams.delete('token');
    page.searchParams.set('return_to', `${returnTo.pathname}${returnTo.search}`);
    const token = tokenOf(request);
    if (token) page.hash = new URLSearchParams({ token }).toString();
    return page.toString();
  }

  private redirect(request: Request, response: Response, url: string, slug: 'action-successful' | 'client-required'): void {
    if (request.plano) request.plano.statusSlug = slug;
    if (!response.headersSent) response.redirect(302, url);
  }
}
