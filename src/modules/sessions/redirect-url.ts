import { PlanoException } from '../../common/status/plano.exception.js';

/**
 * A redirect_url must stay on one of our applications: never an open redirect (CONTRACT.md §12).
 * Spellings that URL parsers disagree on are refused before parsing — userinfo, a backslash
 * (`http://ours\@evil/`: WHATWG reads host `ours`, others read host `evil`), a control character
 * (WHATWG silently drops tabs and newlines) — and the URL is answered as WHATWG serialises it, so
 * the app that follows it goes exactly where this check looked. sessions/create and
 * sessions/create_magic_link check theirs here.
 */
export function checkedRedirectUrl(redirectUrl: string, applicationBaseUrls: Readonly<Record<string, string>>): string {
  const parsed = parseRedirect(redirectUrl);
  const allowed = Object.values(applicationBaseUrls).some((baseUrl) => new URL(baseUrl).origin === parsed.origin);
  if (!allowed) {
    throw new PlanoException('invalid-param', {
      message: 'redirect_url must be on one of the platform applications',
      errors: [{ param: 'redirect_url', problem: 'not-allowed' }],
    });
  }
  return parsed.href;
}

/** U+0000–U+001F and U+007F. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

function parseRedirect(redirectUrl: string): URL {
  if (redirectUrl.includes('\\')) throw malformedRedirect('redirect_url must not contain a backslash');
  if (CONTROL_CHARACTER.test(redirectUrl)) throw malformedRedirect('redirect_url must not contain a control character');
  let parsed: URL;
  try {
    parsed = new URL(redirectUrl);
  } catch {
    throw malformedRedirect('redirect_url must be an absolute http(s) URL');
  }
  if (parsed.username !== '' || parsed.password !== '') throw malformedRedirect('redirect_url must not carry a user name or password');
  return parsed;
}

function malformedRedirect(message: string): PlanoException {
  return new PlanoException('invalid-param', { message, errors: [{ param: 'redirect_url', problem: 'invalid', message }] });
}
