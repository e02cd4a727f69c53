import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../database/columns.js';

/** A message the outbox transport kept instead of sending (EMAIL_TRANSPORT=outbox). */
@Entity('email_outbox')
export class EmailOutboxEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** What the message is: `welcome`, … */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ name: 'to_email', type: 'varchar', length: 254 })
  toEmail: string;

  /** First and last name: up to 201 characters (see the outbox-recipient-name migration). */
  @Column({ name: 'to_name', type: 'varchar', length: 255, nullable: true })
  toName: string | null;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'text' })
  text: string;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;
}
