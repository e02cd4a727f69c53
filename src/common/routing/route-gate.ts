import type { RouteDescriptor } from './route-descriptor.js';

/**
 * Whether an identified route may be served right now (the registry's deployed flags). Answers
 * the status to refuse it with, or null when it is live. Must not touch the database: it runs on
 * every request.
 */
export interface RouteGate {
  refusalFor(route: RouteDescriptor): 'route-not-found' | 'service-not-found' | null;
}
