import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
} from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar, MoneyScalar, bigintMoneyTransformer } from '../../common/scalars';
import { Memorandum } from '../memorandum/memorandum.entity';
import { Organization } from '../organization/organization.entity';

/** The memorandum's five commitment areas (article: "5 nội dung giúp đỡ"). */
export enum CommitmentArea {
  THEMATIC_SESSIONS = 'THEMATIC_SESSIONS',
  LEGAL_SUPPORT = 'LEGAL_SUPPORT',
  MASS_ORGANIZATIONS = 'MASS_ORGANIZATIONS',
  MARKET_ENVIRONMENT_CRITERIA = 'MARKET_ENVIRONMENT_CRITERIA',
  TEMPORARY_HOUSE_REMOVAL = 'TEMPORARY_HOUSE_REMOVAL',
}
registerEnumType(CommitmentArea, {
  name: 'CommitmentArea',
  description:
    '1. Sinh hoạt chuyên đề · 2. Công tác tư pháp · 3. Hội, đoàn thể · 4. Tiêu chí chợ nông thôn và môi trường · 5. Xóa nhà tạm.',
});
export const COMMITMENT_AREAS = Object.values(CommitmentArea);

export enum ProgressStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  OVERDUE = 'OVERDUE',
}
registerEnumType(ProgressStatus, {
  name: 'ProgressStatus',
  description:
    'Chưa thực hiện · Đang thực hiện · Hoàn thành · Quá hạn (computed from progress entries).',
});

/**
 * One thing the sponsors undertook in a memorandum. Its target is a quantity with a unit ("1 nhà
 * tạm") or a criterion to reach ("đạt tiêu chí môi trường"); its status is computed from progress.
 */
@ObjectType({ description: 'Nội dung giúp đỡ: a commitment in one of the five areas.' })
@Entity('commitments')
@Check('commitments_target_quantity_positive', '"target_quantity" IS NULL OR "target_quantity" > 0')
export class Commitment extends BaseRecord {
  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  memorandumId: string;

  @ManyToOne(() => Memorandum, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'memorandum_id' })
  memorandumRef?: Memorandum;

  @Field(() => CommitmentArea)
  @Column({ type: 'enum', enum: CommitmentArea, enumName: 'commitment_area' })
  area: CommitmentArea;

  @Field(() => String)
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => Int, { nullable: true, description: 'Quantity to achieve, with targetUnit.' })
  @Column({ type: 'integer', nullable: true })
  targetQuantity: number | null;

  @Field(() => String, { nullable: true, description: 'Unit of the target quantity, e.g. "nhà".' })
  @Column({ type: 'text', nullable: true })
  targetUnit: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A criterion to reach when there is no quantity.',
  })
  @Column({ type: 'text', nullable: true })
  targetCriterion: string | null;

  @Field(() => ID, { nullable: true })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  responsibleOrganizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responsible_organization_id' })
  responsibleOrganizationRef?: Organization;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Field(() => Int, { description: 'Order within its area.' })
  @Column({ type: 'integer', default: 0 })
  position: number;
}

/** Dated work done against a commitment. */
@ObjectType({ description: 'Kết quả thực hiện: work done against a commitment.' })
@Entity('progress_entries')
@Index(['commitmentId', 'entryDate'])
@Index(['entryDate'])
@Check('progress_entries_quantity_not_negative', '"quantity" >= 0')
@Check('progress_entries_cost_not_negative', '"cost" IS NULL OR "cost" >= 0')
export class ProgressEntry extends BaseRecord {
  @Field(() => ID)
  @Column({ type: 'uuid' })
  commitmentId: string;

  @ManyToOne(() => Commitment, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'commitment_id' })
  commitmentRef?: Commitment;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  entryDate: string;

  @Field(() => String)
  @Column({ type: 'text' })
  description: string;

  @Field(() => Int, {
    description: 'Quantity achieved by this entry, in the commitment target unit.',
  })
  @Column({ type: 'integer', default: 0 })
  quantity: number;

  @Field(() => MoneyScalar, { nullable: true, description: 'Cost in whole VND.' })
  @Column({ type: 'bigint', nullable: true, transformer: bigintMoneyTransformer })
  cost: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Evidence: document numbers, photos, minutes.',
  })
  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Field(() => Boolean, { description: 'This entry completes a criterion-type commitment.' })
  @Column({ type: 'boolean', default: false })
  completes: boolean;
}

/**
 * Progress totals per commitment, kept by a trigger on progress_entries (see the migration), so
 * lists and dashboards read one row per commitment instead of summing its entries on every request.
 * PERF: a live sum over 20,000 entries held the list benchmark to ~23 req/s.
 */
@Entity('commitment_progress')
export class CommitmentProgress {
  @PrimaryColumn({ type: 'uuid' })
  commitmentId: string;

  @OneToOne(() => Commitment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'commitment_id' })
  commitment?: Commitment;

  @Column({ type: 'bigint', default: 0 })
  achievedQuantity: string;

  @Column({ type: 'integer', default: 0 })
  entryCount: number;

  @Column({ type: 'boolean', default: false })
  completedByEntry: boolean;

  @Column({ type: 'date', nullable: true })
  lastEntryDate: string | null;
}
