import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old space grow past what a full collection left alive before it runs the
 * next one: 30 %. V8 picks the factor itself otherwise, up to 4× when the program allocates fast,
 * which a busy server does: with about 37 MB live, the heap grew to 150–190 MB between full
 * collections and the process sat at 270–290 MiB RSS under load, for garbage only. At 30 % it
 * stays near 170 MiB. Full collections come more often, but they mark a small live heap,
 * concurrently, and the CPU per request did not move measurably (npm run bench; README
 * "Performance"). Imported first by main.ts, so it holds from the server's first allocation; the
 * seed, the outbox and the tests keep V8's default.
 */
export const HEAP_GROWING_PERCENT = 30;

setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
