import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar } from '../../common/scalars';
import { AdministrativeUnit } from './administrative-unit.entity';

export enum SuccessionKind {
  /** The whole unit joined another (several communes into one; Phú Yên into Đắk Lắk). */
  MERGED_INTO = 'MERGED_INTO',
  /** Part of the unit went to this successor; one link per part. */
  SPLIT_INTO = 'SPLIT_INTO',
  /** The same territory under a new name (a new record: units are never renamed in place). */
  RENAMED_AS = 'RENAMED_AS',
  /**
   * The level was abolished (districts, 01/07/2025): the unit ended and its communes passed to the
   * higher unit named as successor.
   */
  ABOLISHED = 'ABOLISHED',
}
registerEnumType(SuccessionKind, {
  name: 'SuccessionKind',
  description: 'Sáp nhập vào, chia tách thành, đổi tên thành, giải thể (cấp huyện).',
});

/**
 * What a closed administrative unit became: predecessor → successor, with the day the change took
 * effect and the legal act that made it. The predecessor's validTo is the day before.
 */
@ObjectType({ description: 'Kế thừa đơn vị hành chính: what a closed unit became.' })
@Entity('administrative_unit_successions')
@Check('CHK_succession_not_self', 'predecessor_id <> successor_id')
@Index('UQ_succession_pair', ['predecessorId', 'successorId'], { unique: true })
export class AdministrativeUnitSuccession extends BaseRecord {
  @Field(() => ID)
  @Index('IDX_succession_predecessor')
  @Column({ type: 'uuid' })
  predecessorId: string;

  @ManyToOne(() => AdministrativeUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'predecessor_id', foreignKeyConstraintName: 'FK_succession_predecessor' })
  predecessor?: AdministrativeUnit;

  @Field(() => ID)
  @Index('IDX_succession_successor')
  @Column({ type: 'uuid' })
  successorId: string;

  @ManyToOne(() => AdministrativeUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'successor_id', foreignKeyConstraintName: 'FK_succession_successor' })
  successor?: AdministrativeUnit;

  @Field(() => SuccessionKind)
  @Column({ type: 'enum', enum: SuccessionKind, enumName: 'administrative_succession_kind' })
  kind: SuccessionKind;

  @Field(() => LocalDateScalar, { description: 'First day of the successor.' })
  @Column({ type: 'date' })
  effectiveDate: string;

  @Field(() => String, { description: 'The legal act, e.g. "Nghị quyết 202/2025/QH15".' })
  @Column({ type: 'text' })
  legalAct: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
