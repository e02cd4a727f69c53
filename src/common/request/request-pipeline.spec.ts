import type { NextFunction, Request, Response } from 'express';
import { pipelineOf, type PipelineFailure, type PipelineStage } from './request-pipeline.js';

const request = {} as Request;
const response = {} as Response;

/** Runs a pipeline once; answers what ran, what reached `fail` and what reached Express's `next`. */
function run(stages: PipelineStage[], fail?: PipelineFailure) {
  const ran: string[] = [];
  const failed: unknown[] = [];
  const passed: unknown[] = [];
  const express = ((error?: unknown) => passed.push(error ?? 'next')) as NextFunction;
  const recordingFail: PipelineFailure | undefined = fail && ((error, req, res, next) => (failed.push(error), fail(error, req, res, next)));
  const stage = (name: string, then: (next: NextFunction) => void): PipelineStage => (_req, _res, next) => {
    ran.push(name);
    then(next);
  };
  const pipeline = pipelineOf(stages.map((body, index) => stage(`s${index}`, (next) => body(request, response, next))), recordingFail);
  pipeline(request, response, express);
  return { ran, failed, passed };
}

const onward: PipelineStage = (_req, _res, next) => next();

describe('pipelineOf', () => {
  it('runs the stages in order, then passes the request on', () => {
    expect(run([onward, onward, onward])).toEqual({ ran: ['s0', 's1', 's2'], failed: [], passed: ['next'] });
  });

  it('stops at a stage that fails and hands its error to `fail`, with the request and Express’s next', () => {
    const error = new Error('refused');
    let seen: unknown[] = [];
    const fail: PipelineFailure = (...args) => (seen = args);
    const outcome = run([onward, (_req, _res, next) => next(error), onward], fail);
    expect(outcome.ran).toEqual(['s0', 's1']);
    expect(outcome.failed).toEqual([error]);
    expect(seen.slice(0, 3)).toEqual([error, request, response]);
    expect(outcome.passed).toEqual([]);
  });

  it('treats a stage that throws as one that failed', () => {
    const error = new Error('thrown');
    const outcome = run([() => { throw error; }, onward], () => undefined);
    expect(outcome.ran).toEqual(['s0']);
    expect(outcome.failed).toEqual([error]);
  });

  it('without `fail`, passes the error down Express’s router, as Express would', () => {
    const error = new Error('refused');
    expect(run([(_req, _res, next) => next(error), onward])).toEqual({ ran: ['s0'], failed: [], passed: [error] });
  });
});
