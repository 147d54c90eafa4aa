import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar } from '../../common/scalars';
import { Household } from '../household/household.entity';
import { StaffMember } from '../staff/staff.entity';
import { SupportGroup } from '../support-group/support-group.entity';

/** A field visit by a group to a household it helps (tiếp cận thực tế). */
@ObjectType({ description: 'Tiếp cận thực tế: a visit by a group to a household.' })
// Ordered like the list's default sort (migration 1795983000000); not expressible here.
@Index('IDX_list_visits_visit_date', { synchronize: false })
@Entity('visits')
@Index(['householdId', 'visitDate'])
export class Visit extends BaseRecord {
  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'group_id' })
  groupRef?: SupportGroup;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'household_id' })
  householdRef?: Household;

  @Field(() => LocalDateScalar)
  @Column({ type: 'date' })
  visitDate: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the group found (hoàn cảnh, tình hình). Hidden from analysts.',
  })
  @Column({ type: 'text', nullable: true })
  findings: string | null;
}

@Entity('visit_participants')
export class VisitParticipant {
  @PrimaryColumn({ type: 'uuid' })
  visitId: string;

  @Index()
  @PrimaryColumn({ type: 'uuid' })
  staffMemberId: string;

  @ManyToOne(() => Visit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id' })
  visit?: Visit;

  @ManyToOne(() => StaffMember, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_member_id' })
  staffMember?: StaffMember;
}
