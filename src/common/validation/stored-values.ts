import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min, type ValidationOptions } from 'class-validator';
import { MAX_INT } from './query-values.js';

/**
 * An id, or any integer that ends in an `integer` column: 1 … 2147483647, the range PostgreSQL's
 * `integer` stores (SQLite would store more, and the two engines must answer alike). A value
 * outside it is `invalid-param`, never a database error (CONTRACT.md §12).
 */
export function IsId(options: Pick<ValidationOptions, 'each'> = {}): PropertyDecorator {
  return applyDecorators(IsInt(options), Min(1, options), Max(MAX_INT, options));
}
