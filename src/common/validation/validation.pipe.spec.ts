import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { PlanoException } from '../status/plano.exception.js';
import { createValidationPipe } from './validation.pipe.js';

class Address {
  @IsString()
  street: string;
}

class Params {
  @IsString()
  name: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  count?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => Address)
  address?: Address;
}

const metadata: ArgumentMetadata = { type: 'query', metatype: Params };

async function failure(value: unknown): Promise<PlanoException> {
  try {
    await createValidationPipe().transform(value, metadata);
  } catch (error) {
    if (error instanceof PlanoException) return error;
    throw error;
  }
  throw new Error('expected a validation failure');
}

describe('the global ValidationPipe', () => {
  it('transforms and strips unknown params', async () => {
    await expect(createValidationPipe().transform({ name: 'a', count: '3', view: 'x' }, metadata)).resolves.toEqual(
      Object.assign(new Params(), { name: 'a', count: 3 }),
    );
  });

  it('answers missing-param for an absent required param, and an empty one in the query', async () => {
    await expect(failure({})).resolves.toMatchObject({
      slug: 'missing-param',
      errors: [{ param: 'name', problem: 'missing' }],
    });
    await expect(failure({ name: '' })).resolves.toMatchObject({ slug: 'missing-param' });
  });

  it('keeps an empty string in a body: there it is a value, for the DTO to judge', async () => {
    const body = { ...metadata, type: 'body' as const };
    await expect(createValidationPipe().transform({ name: '' }, body)).resolves.toMatchObject({ name: '' });
  });

  it('answers invalid-param naming nested params by their path', async () => {
    await expect(failure({ name: 'a', count: 'x', address: { street: 5 } })).resolves.toMatchObject({
      slug: 'invalid-param',
      errors: [
        { param: 'count', problem: 'invalid' },
        { param: 'address.street', problem: 'invalid' },
      ],
    });
  });
});
