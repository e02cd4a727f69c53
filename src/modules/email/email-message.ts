/** One email the platform sends. */
export interface EmailMessage {
  readonly kind: 'welcome';
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

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
