import { PlanoException, type ParamError } from '../../common/status/plano.exception.js';

/** Where in CaptuRE the user lands. */
export type XsoTarget =
  | { readonly kind: 'home' }
  | { readonly kind: 'step_1' }
  | { readonly kind: 'order'; readonly orderId: number }
  | { readonly kind: 'tour'; readonly tourId: number };

/** The kinds of target, as xso_codes.target stores them and the xso routes answer them. */
export const XSO_TARGET_KINDS = ['home', 'step_1', 'order', 'tour'] as const satisfies readonly XsoTarget['kind'][];
export type XsoTargetKind = XsoTarget['kind'];

/** The target the params ask for; more than one of step_1=true, order_id, tour_id → invalid-param. */
export function targetOf(params: { step_1?: boolean; order_id?: number; tour_id?: number }): XsoTarget {
  const asked: Array<{ param: string; target: XsoTarget }> = [];
  if (params.step_1 === true) asked.push({ param: 'step_1', target: { kind: 'step_1' } });
  if (params.order_id !== undefined) asked.push({ param: 'order_id', target: { kind: 'order', orderId: params.order_id } });
  if (params.tour_id !== undefined) asked.push({ param: 'tour_id', target: { kind: 'tour', tourId: params.tour_id } });
  if (asked.length > 1) {
    const errors: ParamError[] = asked.map(({ param }) => ({ param, problem: 'conflicting-target' }));
    throw new PlanoException('invalid-param', { message: 'Pass at most one of step_1=true, order_id and tour_id.', errors });
  }
  return asked[0]?.target ?? { kind: 'home' };
}
