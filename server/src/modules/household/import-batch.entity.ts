import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organization } from '../organization/organization.entity';

/**
 * One spreadsheet imported into the program. The file's SHA-256 is its batch key: the same file
 * imported again by the same agency adds nothing (a unique index with NULLS NOT DISTINCT, made by
 * the migration, so an administrator's imports without an agency count as one owner).
 */
@ObjectType({ description: 'Một lần nhập dữ liệu từ tệp Excel.' })
@Entity('import_batches')
@Index('import_batches_once_per_owner', { synchronize: false })
export class ImportBatch {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String, { description: 'What was imported, e.g. households.' })
  @Column({ type: 'text' })
  kind: string;

  @Field(() => String, { description: 'SHA-256 of the file, hex: the batch key.' })
  @Column({ type: 'text' })
  fileDigest: string;

  @Field(() => String)
  @Column({ type: 'text' })
  fileName: string;

  @Field(() => ID, { nullable: true, description: 'The agency the records were imported for.' })
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Field(() => Int, { description: 'Data rows read from the file, on every sheet.' })
  @Column({ type: 'integer' })
  rowCount: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  householdsCreated: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  membersCreated: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  categoryPeriodsCreated: number;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  createdById: string;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
