import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { LocalDateScalar } from '../../common/scalars';
import { Household } from '../household/household.entity';
import { SupportGroup } from '../support-group/support-group.entity';

export enum SupportPlanStatus {
  DRAFT = 'DRAFT',
  REGISTERED = 'REGISTERED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(SupportPlanStatus, {
  name: 'SupportPlanStatus',
  description: 'Dự thảo · Đã đăng ký với cấp ủy · Đang thực hiện · Hoàn thành · Hủy.',
});

/** A group's plan to help one household, registered with its agency's Party Committee. */
@ObjectType({ description: 'Kế hoạch giúp đỡ hộ.' })
// Ordered like the list's default sort (migration 1795983000000); not expressible here.
@Index('IDX_list_support_plans_created_at', { synchronize: false })
@Entity('support_plans')
export class SupportPlan extends BaseRecord {
  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'group_id' })
  groupRef?: SupportGroup;

  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'household_id' })
  householdRef?: Household;

  @Field(() => String, { description: 'Hidden from analysts (it often names the household).' })
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Biện pháp giúp đỡ.' })
  @Column({ type: 'text', nullable: true })
  measures: string | null;

  @Field(() => String, { nullable: true, description: 'Mục tiêu.' })
  @Column({ type: 'text', nullable: true })
  goals: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "Registered with the agency's Party Committee on.",
  })
  @Column({ type: 'date', nullable: true })
  registeredDate: string | null;

  @Field(() => SupportPlanStatus)
  @Column({
    type: 'enum',
    enum: SupportPlanStatus,
    enumName: 'support_plan_status',
    default: SupportPlanStatus.DRAFT,
  })
  status: SupportPlanStatus;
}

/** One step of a support plan, done when it has a done date. */
@ObjectType({ description: 'Bước thực hiện kế hoạch giúp đỡ.' })
@Entity('support_plan_steps')
export class SupportPlanStep extends BaseRecord {
  @Field(() => ID)
  @Index()
  @Column({ type: 'uuid' })
  supportPlanId: string;

  @ManyToOne(() => SupportPlan, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'support_plan_id' })
  supportPlanRef?: SupportPlan;

  @Field(() => Int)
  @Column({ type: 'integer', default: 0 })
  position: number;

  @Field(() => String)
  @Column({ type: 'text' })
  description: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  plannedDate: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  doneDate: string | null;
}
