import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../../common/base.entity';
import { SupportGroup } from '../support-group/support-group.entity';
import { User } from '../user/user.entity';

export enum ReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
}
registerEnumType(ReportStatus, { name: 'ReportStatus', description: 'Dự thảo · Đã nộp (khóa).' });

/**
 * A group's report for one half of a year (H1: January–June, H2: July–December). Its figures are
 * filled from the records of the period while it is a draft; once submitted it is locked, and a
 * reopening records who reopened it and why.
 */
@ObjectType({ description: 'Báo cáo định kỳ 6 tháng của nhóm.' })
// Ordered like the list's default sort (migration 1795983000000); not expressible here.
@Index('IDX_list_half_year_reports_year', { synchronize: false })
@Entity('half_year_reports')
@Index(['groupId', 'year', 'half'], { unique: true })
@Check('half_year_reports_half', '"half" IN (1, 2)')
export class HalfYearReport extends BaseRecord {
  @Field(() => ID)
  @Column({ type: 'uuid' })
  groupId: string;

  @ManyToOne(() => SupportGroup, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'group_id' })
  groupRef?: SupportGroup;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year: number;

  @Field(() => Int, { description: '1: 6 tháng đầu năm, 2: 6 tháng cuối năm.' })
  @Column({ type: 'integer' })
  half: number;

  @Field(() => ReportStatus)
  @Column({
    type: 'enum',
    enum: ReportStatus,
    enumName: 'report_status',
    default: ReportStatus.DRAFT,
  })
  status: ReportStatus;

  @Field(() => String, { nullable: true, description: 'Nội dung báo cáo.' })
  @Column({ type: 'text', nullable: true })
  narrative: string | null;

  @Field(() => Int, { description: 'Visits made in the period.' })
  @Column({ type: 'integer', default: 0 })
  visitCount: number;

  @Field(() => Int, { description: 'Households visited at least once in the period.' })
  @Column({ type: 'integer', default: 0 })
  householdsVisited: number;

  @Field(() => Int, { description: 'Support-plan steps done in the period.' })
  @Column({ type: 'integer', default: 0 })
  planStepsDone: number;

  @Field(() => Int, { description: 'Aspirations forwarded to authorities in the period.' })
  @Column({ type: 'integer', default: 0 })
  aspirationsRelayed: number;

  @Field(() => Int, { description: 'Aspirations resolved in the period.' })
  @Column({ type: 'integer', default: 0 })
  aspirationsResolved: number;

  @Field(() => Int, {
    description:
      "Support given in the period: posted disbursements from a fund to the group's households or their members.",
  })
  @Column({ type: 'integer', default: 0 })
  supportDeliveries: number;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  submittedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submitted_by_id' })
  submittedByRef?: User;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  reopenedAt: Date | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  reopenedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reopened_by_id' })
  reopenedByRef?: User;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  reopenReason: string | null;
}
