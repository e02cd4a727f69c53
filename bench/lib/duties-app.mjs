// The duties app: bare Express (the checkout's own, as the baseline) doing the contract's
// per-request duties (lib/contract-duties.mjs) and answering every other path with the envelope of
// route-non-existent. No Nest and no Plano code: its unknown-route row shows, in the same run, what
// the duties alone take from bare Express, before any framework or any of Plano's checks.
//
// Started by lib/servers.mjs as `node bench/lib/duties-app.mjs` with PORT and HOST.
import express from 'express';
import { contractDuties, envelope, ROUTE_NON_EXISTENT } from './contract-duties.mjs';

const app = express();
app.set('etag', false);
app.disable('x-powered-by');
// The bench waits for GET /health before it measures.
app.get('/health', (_request, response) => response.json({ status: 'ok' }));
app.use(contractDuties());
app.use((request, response) => {
  request.statusSlug = ROUTE_NON_EXISTENT.slug;
  response.status(ROUTE_NON_EXISTENT.httpStatus).json(envelope(ROUTE_NON_EXISTENT.slug, ROUTE_NON_EXISTENT.message, request.id));
});
app.listen(Number(process.env.PORT), process.env.HOST);
