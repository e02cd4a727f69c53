// `npm run outbox [N]`: prints the newest N (default 5) messages the outbox transport kept in
// DATABASE_URL's email_outbox table (EMAIL_TRANSPORT=outbox, the default): welcome emails and
// magic links, with their text, so a sign-in link can be followed on a development machine.
// Loads .env before any other module is evaluated, as main.ts does.
import './config/load-env-file.js';
import { exitOnInvalidConfiguration } from './config/validate-environment.js';

exitOnInvalidConfiguration();

await import('reflect-metadata');
const { NestFactory } = await import('@nestjs/core');
const { pino } = await import('pino');
const { AppModule } = await import('./app.module.js');
const { AppLogger } = await import('./common/logging/logger.js');
const { appConfig } = await import('./config/app.config.js');
const { EmailOutboxRepository } = await import('./modules/email/email-outbox.repository.js');

const count = Math.max(1, Math.min(100, Number.parseInt(process.argv[2] ?? '5', 10) || 5));
try {
  const context = await NestFactory.createApplicationContext(AppModule, {
    abortOnError: false,
    // Log lines to stderr: stdout carries the messages.
    logger: new AppLogger({ ...appConfig(), logLevel: 'warn' }, pino.destination({ dest: 2, sync: true })),
  });
  try {
    const messages = await context.get(EmailOutboxRepository, { strict: false }).latest(count);
    if (messages.length === 0) process.stdout.write('The outbox is empty.\n');
    for (const message of messages) {
      process.stdout.write(`#${message.id}  ${message.createdAt.toISOString()}  ${message.kind}  to ${message.toEmail}\nSubject: ${message.subject}\n\n${message.text}\n\n`);
    }
  } finally {
    await context.close();
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'reading the outbox failed', error: message })}\n`);
  process.exit(1);
}
