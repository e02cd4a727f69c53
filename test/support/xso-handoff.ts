import { getAs, postAs, type TestApp } from './test-app.js';

/** XSO handoffs through the API: a session asks for a code (xso/capture_client), CaptuRE redeems it (xso/redeem). */

/** A fresh XSO code the session hands out for `client_id` (plus any target in `query`), failing the test if refused. */
export async function xsoCode(t: TestApp, sessionToken: string, query: Record<string, string | number>): Promise<string> {
  const response = await getAs(t, '/api/v1/xso/capture_client', sessionToken, query);
  if (response.body.status !== 'action-successful') throw new Error(`capture_client failed: ${JSON.stringify(response.body)}`);
  return response.body.data.code as string;
}

/** Redeems an XSO code with an application token (xso/redeem); answers the whole response. */
export function redeemXso(t: TestApp, applicationToken: string | undefined, params: Record<string, unknown>) {
  return postAs(t, '/api/v1/xso/redeem', applicationToken, params);
}
