import { isEmail, registerDecorator, type ValidationArguments } from 'class-validator';

/** How a stored list of addresses is written: trimmed addresses, comma-separated. */
export function normalizeEmailList(value: string): string {
  return splitEmailList(value).join(', ');
}

function splitEmailList(value: string): string[] {
  return value.split(',').map((address) => address.trim());
}

/**
 * A comma-separated list of email addresses (the Clients Update page's CC lists), each one checked
 * on its own: the message names the first address that is not one. An empty string passes (it
 * clears the list); an empty entry between two commas does not.
 */
export function IsEmailList(): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isEmailList',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && (value === '' || splitEmailList(value).every((address) => isEmail(address))),
        defaultMessage: (args: ValidationArguments) => {
          const bad = typeof args.value === 'string' ? splitEmailList(args.value).find((address) => !isEmail(address)) : undefined;
          return bad === undefined
            ? `${args.property} must be comma-separated email addresses`
            : bad === ''
              ? `${args.property} has an empty entry between commas`
              : `${args.property}: "${bad.slice(0, 80)}" is not an email address`;
        },
      },
    });
  };
}
