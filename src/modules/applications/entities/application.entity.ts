import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The apps that call the platform. The rows are reference data (a migration inserts them); base URLs come from config. */
@Entity('applications')
@Index('uq_applications_slug', ['slug'], { unique: true })
export class ApplicationEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 40 })
  slug: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;
}
