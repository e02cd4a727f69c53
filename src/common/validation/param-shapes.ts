import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';

/**
 * A param that is an object of params of its own (`client`, `search`, `page`, `sort`). Its shape
 * is checked before its fields: an array, a string or a number there is `invalid-param` (or the
 * route's own validation status), never a value the handler has to survive (CONTRACT.md §12).
 */
export function NestedParams(type: () => new () => object): PropertyDecorator {
  return applyDecorators(IsObject(), ValidateNested(), Type(type));
}
