import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar } from '../../common/scalars';
import { AdministrativeUnit } from '../administrative-unit/administrative-unit.entity';
import { Commitment } from '../commitment/commitment.entity';
import { User } from '../user/user.entity';

/**
 * A national set of new-rural-development criteria (Bộ tiêu chí quốc gia về nông thôn mới) with the
 * period it was in force. Sets renumber and merge criteria, so a criterion is always read through
 * its set: "criterion 7" means nothing without the set it was printed in.
 */
@ObjectType({ description: 'Bộ tiêu chí quốc gia về nông thôn mới, with its period in force.' })
@Entity('criteria_sets')
@Check('criteria_sets_valid_period', '"valid_to" IS NULL OR "valid_to" >= "valid_from"')
export class CriteriaSet extends BaseRecord {
  @Field(() => String, { description: 'Short unique code, e.g. "NTM-2009".' })
  @Index({ unique: true })
  @Column({ type: 'text' })
  code: string;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { description: 'The legal act issuing it, e.g. "Quyết định 491/QĐ-TTg".' })
  @Column({ type: 'text' })
  legalAct: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  issuedDate: string | null;

  @Field(() => LocalDateScalar, { description: 'First day in force.' })
  @Column({ type: 'date' })
  validFrom: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day in force; open if null.' })
  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where the data was checked, and what is not yet confirmed against the act.',
  })
  @Column({ type: 'text', nullable: true })
  source: string | null;
}

/** One criterion of a set, numbered as printed in that set (data, never a constant in code). */
@ObjectType({ description: 'Tiêu chí: one criterion of a national set, numbered as in that set.' })
@Entity('criteria')
@Index(['criteriaSetId', 'number'], { unique: true })
export class Criterion extends BaseRecord {
  @Field(() => ID)
  @Column({ type: 'uuid' })
  criteriaSetId: string;

  @ManyToOne(() => CriteriaSet, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'criteria_set_id' })
  criteriaSetRef?: CriteriaSet;

  @Field(() => String, { description: 'Its number as printed in its set, e.g. "7".' })
  @Column({ type: 'text' })
  number: string;

  @Field(() => Int, { description: 'Order within the set.' })
  @Column({ type: 'integer', default: 0 })
  position: number;

  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Its group in the set, e.g. "Hạ tầng".' })
  @Column({ type: 'text', nullable: true })
  groupName: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The criterion of an earlier set this one took over (renumbered, renamed or merged).',
  })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  predecessorId: string | null;

  @ManyToOne(() => Criterion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'predecessor_id' })
  predecessorRef?: Criterion;
}

/** What a criterion measures (chỉ tiêu), with its target where the set gives one. */
@ObjectType({ description: 'Chỉ tiêu: an indicator of a criterion, with its target.' })
@Entity('criterion_indicators')
@Index(['criterionId', 'code'], { unique: true })
export class CriterionIndicator extends BaseRecord {
  @Field(() => ID)
  @Column({ type: 'uuid' })
  criterionId: string;

  @ManyToOne(() => Criterion, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'criterion_id' })
  criterionRef?: Criterion;

  @Field(() => String, { description: 'Its code as printed, e.g. "17.1".' })
  @Column({ type: 'text' })
  code: string;

  @Field(() => String)
  @Column({ type: 'text' })
  content: string;

  @Field(() => String, { nullable: true, description: 'The target, e.g. "Đạt" or "≥ 85%".' })
  @Column({ type: 'text', nullable: true })
  target: string | null;
}

/** The criteria a commitment of area 4 acts on (the demo's acts on two). */
@Entity('commitment_criteria')
export class CommitmentCriterion {
  @PrimaryColumn({ type: 'uuid' })
  commitmentId: string;

  @Index()
  @PrimaryColumn({ type: 'uuid' })
  criterionId: string;

  @ManyToOne(() => Commitment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'commitment_id' })
  commitment?: Commitment;

  @ManyToOne(() => Criterion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'criterion_id' })
  criterion?: Criterion;
}

/** A commune's yearly assessment of one criterion: met or not, on what evidence. */
@ObjectType({ description: 'Đánh giá tiêu chí hằng năm của xã: met or not, with evidence.' })
@Entity('criterion_assessments')
@Index(['communeId', 'criterionId', 'year'], { unique: true })
@Index(['criterionId'])
@Check('criterion_assessments_year', '"year" BETWEEN 2000 AND 2100')
export class CriterionAssessment extends BaseRecord {
  @Field(() => ID, {
    description: 'The commune assessed (an administrative unit of level COMMUNE).',
  })
  @Column({ type: 'uuid' })
  communeId: string;

  @ManyToOne(() => AdministrativeUnit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'commune_id' })
  communeRef?: AdministrativeUnit;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  criterionId: string;

  @ManyToOne(() => Criterion, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'criterion_id' })
  criterionRef?: Criterion;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year: number;

  @Field(() => Boolean, { description: 'Đạt (true) or chưa đạt (false).' })
  @Column({ type: 'boolean' })
  met: boolean;

  @Field(() => String, { nullable: true, description: 'Evidence: minutes, decisions, photos.' })
  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  assessedOn: string;

  @Field(() => ID, { nullable: true, description: 'The user who recorded it (set by the server).' })
  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by_id' })
  recordedByRef?: User;
}
