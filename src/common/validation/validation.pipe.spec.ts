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

  describe('null is the same as leaving a param out (CONTRACT.md §12)', () => {
    const body = { ...metadata, type: 'body' as const };

    it('a required param that is null is missing', async () => {
      await expect(failure({ name: null })).resolves.toMatchObject({ slug: 'missing-param', errors: [{ param: 'name', problem: 'missing' }] });
    });

    it('an optional param that is null is ignored, at any depth', async () => {
      await expect(createValidationPipe().transform({ name: 'a', count: null, address: null }, body)).resolves.toEqual(Object.assign(new Params(), { name: 'a' }));
      await expect(failure({ name: 'a', address: { street: null } })).resolves.toMatchObject({ slug: 'missing-param', errors: [{ param: 'address.street' }] });
    });
  });

  describe('NUL characters', () => {
    it('refuses a string holding U+0000 with invalid-param naming the param, nested ones by path', async () => {
      await expect(failure({ name: 'a\u0000b', address: { street: '\u0000' } })).resolves.toMatchObject({
        slug: 'invalid-param',
        errors: [
          { param: 'name', problem: 'invalid' },
          { param: 'address.street', problem: 'invalid' },
        ],
      });
    });

    it('lets missing-param win over a NUL elsewhere, as the contract orders', async () => {
      class Two {
        @IsString()
        a: string;

        @IsString()
        b: string;
      }
      const pipe = createValidationPipe();
      await expect(pipe.transform({ a: 'x\u0000' }, { type: 'body', metatype: Two })).rejects.toMatchObject({ slug: 'missing-param' });
    });

    it('ignores a NUL in a param the route does not take (it is dropped)', async () => {
      await expect(createValidationPipe().transform({ name: 'a', other: '\u0000' }, metadata)).resolves.toEqual(Object.assign(new Params(), { name: 'a' }));
    });
  });

  it('leaves a custom argument (the caller’s session) exactly as it is', async () => {
    const session = { user: { id: 1 }, revokedAt: null };
    await expect(createValidationPipe().transform(session, { type: 'custom' })).resolves.toBe(session);
  });
});
