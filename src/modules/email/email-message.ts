/** One email the platform sends. */
export interface EmailMessage {
  readonly kind: 'welcome' | 'magic-link';
  readonly to: { readonly email: string; readonly name: string | null };
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** The welcome email of a newly registered client. */
export function welcomeEmail(to: { email: string; firstName: string; lastName: string }, planoauthUrl: string): EmailMessage {
  const name = `${to.firstName} ${to.lastName}`.trim();
  const text =
    `Hi ${to.firstName},\n\nWelcome to PlanOmatic! Your client account is ready.\n` +
    `Sign in at ${planoauthUrl} with ${to.email}.\n\nThe PlanOmatic team`;
  const html =
    `<p>Hi ${escapeHtml(to.firstName)},</p><p>Welcome to PlanOmatic! Your client account is ready.</p>` +
    `<p>Sign in at <a href="${escapeHtml(planoauthUrl)}">${escapeHtml(planoauthUrl)}</a> with ${escapeHtml(to.email)}.</p>` +
    '<p>The PlanOmatic team</p>';
  return { kind: 'welcome', to: { email: to.email, name: name || null }, subject: 'Welcome to PlanOmatic', html, text };
}

/** A magic link: signs the user in once, within `ttlMinutes`, through PlanoAuth. */
export function magicLinkEmail(to: { email: string; firstName: string; lastName: string }, link: string, ttlMinutes: number): EmailMessage {
  const name = `${to.firstName} ${to.lastName}`.trim();
  const text =
    `Hi ${to.firstName},\n\nSign in to PlanOmatic with this link: ${link}\n` +
    `It works once, for ${ttlMinutes} minutes. If you did not ask for it, ignore this email.\n\nThe PlanOmatic team`;
  const html =
    `<p>Hi ${escapeHtml(to.firstName)},</p><p><a href="${escapeHtml(link)}">Sign in to PlanOmatic</a></p>` +
    `<p>The link works once, for ${ttlMinutes} minutes. If you did not ask for it, ignore this email.</p><p>The PlanOmatic team</p>`;
  return { kind: 'magic-link', to: { email: to.email, name: name || null }, subject: 'Your PlanOmatic sign-in link', html, text };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
