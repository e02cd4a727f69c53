import { PlanoException } from '../../src/common/status/plano.exception.js';

/** For unit specs: what a rejected call threw, which must be a PlanoException (slug, message, errors). */
export async function refusal(attempt: Promise<unknown>) {
  const error = await attempt.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PlanoException);
  const { slug, message, errors } = error as PlanoException;
  return { slug, message, errors };
}
