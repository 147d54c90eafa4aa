import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar } from '../../common/scalars';
import { Household } from '../household/household.entity';
import { Organization } from '../organization/organization.entity';
import { Partnership } from '../partnership/partnership.entity';
import { StaffMember } from '../staff/staff.entity';

/** A group of an organization's staff helping one or more households under a partnership. */
@ObjectType({ description: 'Nhóm giúp đỡ hộ nghèo.' })
// Ordered like the list's default sort (migration 1795983000000); not expressible here.
@Index('IDX_list_support_groups_name', { synchronize: false })
@Entity('support_groups')
export class SupportGroup extends BaseRecord {
  @Field(() => String)
  @Column({ type: 'text' })
  name: string;

  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organization_id' })
  organizationRef?: Organization;

  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  partnershipId: string;

  @ManyToOne(() => Partnership, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'partnership_id' })
  partnershipRef?: Partnership;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date the group was formed.' })
  @Column({ type: 'date', nullable: true })
  formedDate: string | null;

  @Field(() => ID, { nullable: true, description: 'Trưởng nhóm, one of the members.' })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  leaderId: string | null;

  @ManyToOne(() => StaffMember, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'leader_id' })
  leaderRef?: StaffMember;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;
}

@Entity('support_group_members')
export class SupportGroupMember {
  @PrimaryColumn({ type: 'uuid' })
  supportGroupId: string;

  @Index()
  @PrimaryColumn({ type: 'uuid' })
  staffMemberId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'support_group_id' })
  supportGroup?: SupportGroup;

  @ManyToOne(() => StaffMember, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_member_id' })
  staffMember?: StaffMember;
}

@Entity('support_group_households')
export class SupportGroupHousehold {
  @PrimaryColumn({ type: 'uuid' })
  supportGroupId: string;

  @Index()
  @PrimaryColumn({ type: 'uuid' })
  householdId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'support_group_id' })
  supportGroup?: SupportGroup;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'household_id' })
  household?: Household;
}
