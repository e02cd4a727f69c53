import { Controller, Get, type INestApplication } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, SwaggerModule, DocumentBuilder, type OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { ActionResult } from '../envelope/envelope.js';
import { ApiSuccess } from './api-statuses.decorator.js';

class Greeting {
  @ApiProperty() text!: string;
  @ApiPropertyOptional({ type: 'integer' }) times?: number;
}

class GreetingList {
  @ApiProperty({ type: [Greeting] }) results!: Greeting[];
}

@Controller('greetings')
class GreetingsController {
  @Get('one')
  @ApiSuccess(Greeting, { text: 'hello' }, 'One greeting.')
  one() {
    return { text: 'hello' };
  }

  @Get('list')
  @ApiSuccess(GreetingList, { results: [{ text: 'hello', times: 2 }] })
  async list() {
    return new ActionResult({ results: [{ text: 'hello', times: 2 }] });
  }

  // The compiler holds handlers and examples to the documented class. `npm test` type-checks
  // this file first, so each @ts-expect-error below fails the run if the check stops working.

  @Get('missing')
  // @ts-expect-error a handler whose data lacks a documented required field does not compile
  @ApiSuccess(Greeting, { text: 'hello' })
  missing() {
    return { times: 1 };
  }

  @Get('mistyped')
  // @ts-expect-error a handler whose data has a field of another type does not compile
  @ApiSuccess(Greeting, { text: 'hello' })
  async mistyped() {
    return { text: 'hello', times: 'twice' };
  }

  @Get('example')
  // @ts-expect-error an example with a field the class does not document does not compile
  @ApiSuccess(Greeting, { text: 'hello', volume: 11 })
  example() {
    return { text: 'hello' };
  }
}

describe('@ApiSuccess', () => {
  let app: INestApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [GreetingsController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  });

  afterAll(async () => {
    await app.close();
  });

  function okContent(path: string) {
    const content = document.paths[path].get?.responses['200'] as { content: Record<string, { schema: { properties: Record<string, unknown> }; examples: Record<string, { value: { data: unknown } }> }> };
    return content.content['application/json'];
  }

  it('documents data as the named schema of the class, with its description', () => {
    expect(okContent('/greetings/one').schema.properties.data).toEqual({ allOf: [{ $ref: '#/components/schemas/Greeting' }], description: 'One greeting.' });
    expect(document.components?.schemas?.Greeting).toEqual({
      type: 'object',
      properties: { text: { type: 'string' }, times: { type: 'integer' } },
      required: ['text'],
    });
  });

  it('names nested classes too, and shows the example as the success envelope data', () => {
    expect(okContent('/greetings/list').schema.properties.data).toEqual({ $ref: '#/components/schemas/GreetingList' });
    expect(document.components?.schemas?.GreetingList).toMatchObject({ properties: { results: { type: 'array', items: { $ref: '#/components/schemas/Greeting' } } } });
    expect(okContent('/greetings/list').examples['action-successful'].value.data).toEqual({ results: [{ text: 'hello', times: 2 }] });
  });
});
