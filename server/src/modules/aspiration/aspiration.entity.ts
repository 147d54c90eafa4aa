import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar } from '../../common/scalars';
import { Household } from '../household/household.entity';
import { Organization } from '../organization/organization.entity';
import { Visit } from '../visit/visit.entity';

export enum AspirationStatus {
  RECORDED = 'RECORDED',
  FORWARDED = 'FORWARDED',
  ANSWERED = 'ANSWERED',
  RESOLVED = 'RESOLVED',
  DECLINED = 'DECLINED',
}
registerEnumType(AspirationStatus, {
  name: 'AspirationStatus',
  description:
    'Đã ghi nhận → Đã chuyển cơ quan có thẩm quyền → Đã trả lời / Đã giải quyết / Không giải quyết.',
});

/** Which status may follow which: the lifecycle of a relayed aspiration. */
export const ASPIRATION_TRANSITIONS: Record<AspirationStatus, AspirationStatus[]> = {
  RECORDED: [AspirationStatus.FORWARDED],
  FORWARDED: [AspirationStatus.ANSWERED, AspirationStatus.RESOLVED, AspirationStatus.DECLINED],
  ANSWERED: [AspirationStatus.RESOLVED, AspirationStatus.DECLINED],
  RESOLVED: [],
  DECLINED: [],
};
export const OPEN_ASPIRATION_STATUSES = [
  AspirationStatus.RECORDED,
  AspirationStatus.FORWARDED,
  AspirationStatus.ANSWERED,
];

/** A household's legitimate aspiration, relayed to the local authority until it is settled. */
@ObjectType({ description: 'Tâm tư, nguyện vọng (kiến nghị) của hộ.' })
// Ordered like the list's default sort (migration 1795983000000); not expressible here.
@Index('IDX_list_aspirations_recorded_date', { synchronize: false })
@Entity('aspirations')
@Index(['status', 'recordedDate'])
export class Aspiration extends BaseRecord {
  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'household_id' })
  householdRef?: Household;

  @Field(() => ID, { nullable: true, description: 'The visit where it was heard.' })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  visitId: string | null;

  @ManyToOne(() => Visit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'visit_id' })
  visitRef?: Visit;

  @Field(() => String, { description: 'Hidden from analysts.' })
  @Column({ type: 'text' })
  content: string;

  @Field(() => AspirationStatus)
  @Column({
    type: 'enum',
    enum: AspirationStatus,
    enumName: 'aspiration_status',
    default: AspirationStatus.RECORDED,
  })
  status: AspirationStatus;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  recordedDate: string;

  @Field(() => ID, { nullable: true, description: 'The local authority it was forwarded to.' })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  authorityId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authority_id' })
  authorityRef?: Organization;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  forwardedDate: string | null;

  @Field(() => String, { nullable: true, description: "The authority's response." })
  @Column({ type: 'text', nullable: true })
  response: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  responseDate: string | null;
}
